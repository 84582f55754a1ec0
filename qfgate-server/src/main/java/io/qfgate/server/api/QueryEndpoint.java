package io.qfgate.server.api;

import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.TransactionFilter;
import io.qfgate.server.domain.TransactionQueries;
import java.util.List;
import java.util.Map;

/** {@code POST /trade/v1/query}: the app's own transactions, by filter and page. */
public final class QueryEndpoint implements SignedApi.Endpoint {
    /** At most this many values in each comma list. */
    static final int MAX_LIST = 100;
    /** {@code page_size} is Int(8): anything up to this is read, and more than 100 means 100. */
    private static final int MAX_ASKED_PAGE_SIZE = 99_999_999;

    private final TransactionQueries queries;

    public QueryEndpoint(TransactionQueries queries) {
        this.queries = queries;
    }

    @Override
    public Map<String, Object> handle(SignedApi.Call call) {
        Fields f = new Fields(call.params());
        List<PayType> payTypes = f.list("pay_type", MAX_LIST, 6).stream()
                .map(code -> PayType.of(code).orElseThrow(() -> Refusal.parameter("pay_type", "unknown pay type " + code)))
                .toList();
        String respcdText = f.optional("respcd", 4);
        Respcd respcd = respcdText == null ? null : Respcd.of(respcdText)
                .orElseThrow(() -> Refusal.parameter("respcd", "unknown respcd " + respcdText));
        TransactionFilter filter = new TransactionFilter(
                f.list("syssn", MAX_LIST, 26),
                f.list("out_trade_no", MAX_LIST, 128),
                payTypes,
                respcd,
                f.optionalTime("start_time"),
                f.optionalTime("end_time"));
        int page = f.optionalInt("page", 1, TransactionQueries.MAX_PAGE, 1);
        // QFPay documents page_size as Int(8) whose maximum is 100: a larger one gets 100 rows, not a refusal.
        int pageSize = Math.min(TransactionQueries.MAX_PAGE_SIZE,
                f.optionalInt("page_size", 1, MAX_ASKED_PAGE_SIZE, TransactionQueries.DEFAULT_PAGE_SIZE));

        var found = queries.query(call.app(), new TransactionQueries.Query(filter, f.optional("mchid", 16), page, pageSize));

        Map<String, Object> answer = SignedApi.success();
        answer.put("page", Integer.toString(page));
        answer.put("page_size", Integer.toString(pageSize));
        answer.put("data", found.stream().map(TransactionJson::row).toList());
        return answer;
    }
}
