package io.qfgate.client;

import java.util.Map;

/**
 * The answer to {@code POST /trade/v1/add_note}.
 *
 * @param syssn the annotated transaction, from the answer's {@code data} object (null when absent)
 * @param raw   every field of the answer; {@code data} as its JSON text
 */
public record AddNoteResponse(String respcd, String resperr, String respmsg, String syssn, Map<String, String> raw)
        implements QfPayResponse {

    public AddNoteResponse {
        raw = Map.copyOf(raw);
    }

    static AddNoteResponse from(Map<String, String> f) {
        Map<String, String> data = Wire.nestedObject(f.get("data"), "data");
        return new AddNoteResponse(f.get("respcd"), f.get("resperr"), f.get("respmsg"),
                data == null ? null : data.get("syssn"), f);
    }
}
