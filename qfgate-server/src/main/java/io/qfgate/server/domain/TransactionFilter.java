package io.qfgate.server.domain;

import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What a merchant asks {@code /trade/v1/query} for. Empty lists and nulls do not filter; the time
 * window applies only when no {@code syssn} or {@code out_trade_no} is named.
 */
public record TransactionFilter(
        List<String> syssns,
        List<String> outTradeNos,
        List<PayType> payTypes,
        Respcd respcd,
        LocalDateTime from,
        LocalDateTime to) {

    public TransactionFilter {
        syssns = List.copyOf(syssns);
        outTradeNos = List.copyOf(outTradeNos);
        payTypes = List.copyOf(payTypes);
    }
}
