package io.qfgate.client;

import java.util.List;
import java.util.Map;

/**
 * The answer to {@code POST /trade/v1/query}: one page of transactions, payments and refunds.
 *
 * @param data the transactions on this page; empty when none matched or the query was refused
 * @param raw  every field of the answer; {@code data} as its JSON text
 */
public record QueryResponse(
        String respcd,
        String resperr,
        String respmsg,
        String page,
        String pageSize,
        List<TransactionRecord> data,
        Map<String, String> raw) implements QfPayResponse {

    public QueryResponse {
        data = List.copyOf(data);
        raw = Map.copyOf(raw);
    }

    static QueryResponse from(Map<String, String> f) {
        List<TransactionRecord> data = Wire.nestedList(f.get("data"), "data").stream()
                .map(t -> Wire.toRecord(TransactionRecord.class, t))
                .toList();
        return new QueryResponse(f.get("respcd"), f.get("resperr"), f.get("respmsg"), f.get("page"),
                f.get("page_size"), data, f);
    }
}
