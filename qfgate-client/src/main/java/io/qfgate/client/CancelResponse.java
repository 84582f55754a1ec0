package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * The answer to {@code /trade/v1/reversal} and {@code /trade/v1/close}, values as sent (null when
 * absent). {@link #origSyssn()} is the cancelled order.
 *
 * @param raw every field of the answer, including ones this record does not name
 */
public record CancelResponse(
        String respcd,
        String resperr,
        String respmsg,
        String origSyssn,
        String syssn,
        String outTradeNo,
        String txamt,
        String txcurrcd,
        String txdtm,
        String sysdtm,
        String chnlsn,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) implements QfPayResponse {

    public CancelResponse {
        raw = Map.copyOf(raw);
    }
}
