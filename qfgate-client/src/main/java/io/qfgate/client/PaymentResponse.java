package io.qfgate.client;

import io.qfgate.protocol.Respcd;
import java.util.Map;

/**
 * The answer to {@code POST /trade/v1/payment}, field for field as the gateway sent it (all
 * values are strings on the wire; a field the answer lacks is null). {@code respcd 0000} means the
 * order exists and {@link #payUrl()} is ready; the shopper has not paid yet.
 *
 * @param raw every field of the answer, including ones this record does not name
 */
public record PaymentResponse(
        String respcd,
        String resperr,
        String respmsg,
        String syssn,
        String outTradeNo,
        String payType,
        String txamt,
        String txcurrcd,
        String txdtm,
        String sysdtm,
        String paydtm,
        String udid,
        String cardcd,
        String chnlsn,
        String payUrl,
        Map<String, String> raw) {

    public PaymentResponse {
        raw = Map.copyOf(raw);
    }

    static PaymentResponse from(Map<String, String> f) {
        return new PaymentResponse(
                f.get("respcd"), f.get("resperr"), f.get("respmsg"), f.get("syssn"), f.get("out_trade_no"),
                f.get("pay_type"), f.get("txamt"), f.get("txcurrcd"), f.get("txdtm"), f.get("sysdtm"),
                f.get("paydtm"), f.get("udid"), f.get("cardcd"), f.get("chnlsn"), f.get("pay_url"), f);
    }

    /** The order was created ({@code respcd 0000}); any other code is a refusal named in {@link #resperr()}. */
    public boolean isSuccess() {
        return Respcd.SUCCESS.code().equals(respcd);
    }
}
