package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * One declaration in a {@code /custom/v1/query} answer; {@code respcd} as for the declare call,
 * {@code errmsg} the rejection's reason (null otherwise).
 */
public record CustomsRecord(
        String respcd,
        String resperr,
        String errmsg,
        String subOrderNo,
        String outRequestNo,
        String customs,
        String amount,
        String verifyDepartment,
        String verifyDepartmentTradeId,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) {

    public CustomsRecord {
        raw = Map.copyOf(raw);
    }
}
