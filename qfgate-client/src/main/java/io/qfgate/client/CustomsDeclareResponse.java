package io.qfgate.client;

import com.fasterxml.jackson.annotation.JacksonInject;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.util.Map;

/**
 * The answer to {@code /custom/v1/declare} and {@code /custom/v1/redeclare}: {@code respcd 0000}
 * customs accepted the declaration, {@code 1143}/{@code 1145} not decided yet (query it later, see
 * {@link #isPending()}), anything else refused or rejected with the reason in {@code resperr}.
 *
 * @param verifyDepartmentTradeId the verifying party's number for the declaration (Alipay's)
 */
public record CustomsDeclareResponse(
        String respcd,
        String resperr,
        String respmsg,
        String syssn,
        String outRequestNo,
        String subOrderNo,
        String verifyDepartment,
        String verifyDepartmentTradeId,
        @JacksonInject(value = Wire.RAW, useInput = OptBoolean.FALSE) Map<String, String> raw) implements QfPayResponse {

    public CustomsDeclareResponse {
        raw = Map.copyOf(raw);
    }

    /** Customs has not decided yet: query again later. */
    public boolean isPending() {
        return "1143".equals(respcd) || "1145".equals(respcd);
    }
}
