package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
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
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) implements QfPayResponse {

    public PaymentResponse {
        raw = Map.copyOf(raw);
    }
}
