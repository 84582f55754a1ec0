package io.qfgate.client;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code /custom/v1/query}: {@code respcd 0000} when every listed declaration was
 * accepted, {@code 1145} while one is still with customs, otherwise a rejection or a refusal.
 *
 * @param data the declarations, one per sub-order; empty when the query was refused
 * @param raw  every field of the answer; {@code data} as its JSON text
 */
public record CustomsQueryResponse(
        String respcd,
        String resperr,
        String respmsg,
        String syssn,
        List<CustomsRecord> data,
        Map<String, String> raw) implements QfPayResponse {

    public CustomsQueryResponse {
        data = List.copyOf(data);
        raw = Map.copyOf(raw);
    }

    /** Customs has not decided on every declaration yet: query again later. */
    public boolean isPending() {
        return "1143".equals(respcd) || "1145".equals(respcd);
    }

    static CustomsQueryResponse from(Map<String, String> f) {
        List<CustomsRecord> data = Wire.nestedList(f.get("data"), "data").stream()
                .map(r -> Wire.toRecord(CustomsRecord.class, r))
                .toList();
        return new CustomsQueryResponse(f.get("respcd"), f.get("resperr"), f.get("respmsg"), f.get("syssn"), data, f);
    }
}
