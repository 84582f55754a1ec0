package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * The answer to {@code POST /trade/v1/refund}, values as sent (null when absent). On
 * {@code respcd 0000} the refund is a transaction of its own: {@link #syssn()} is the refund's
 * number and {@link #origSyssn()} the payment it refunds.
 *
 * @param raw every field of the answer, including ones this record does not name
 */
public record RefundResponse(
        String respcd,
        String resperr,
        String respmsg,
        String syssn,
        String origSyssn,
        String outTradeNo,
        String txamt,
        String txcurrcd,
        String sysdtm,
        String txdtm,
        String paydtm,
        String udid,
        String chnlsn,
        String cardcd,
        String cashFee,
        String cashFeeType,
        String cashRefundFee,
        String cashRefundFeeType,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) implements QfPayResponse {

    public RefundResponse {
        raw = Map.copyOf(raw);
    }
}
