package io.qfgate.server.domain;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Reading a merchant's transactions: queries by filter and page, and the day's statement. */
public final class TransactionQueries {
    public static final int DEFAULT_PAGE_SIZE = 10;
    public static final int MAX_PAGE_SIZE = 100;
    /** Far beyond any real use; keeps OFFSET arithmetic and scans bounded. */
    public static final int MAX_PAGE = 100_000;

    private final Merchants merchants;
    private final Stores.Transactions transactions;
    private final Clock clock;
    private final ZoneOffset gatewayZone;

    public TransactionQueries(Merchants merchants, Stores.Transactions transactions, Clock clock, ZoneOffset gatewayZone) {
        this.merchants = merchants;
        this.transactions = transactions;
        this.clock = clock;
        this.gatewayZone = gatewayZone;
    }

    /** The query as asked; {@code from}/{@code to} null mean "not given". */
    public record Query(TransactionFilter filter, String mchid, int page, int pageSize) {}

    /**
     * One page of the merchant's transactions. Without {@code syssn} or {@code out_trade_no} the window is
     * {@code [start_time, end_time]} at most one calendar month long, by default the current
     * month; only the end given means the month before it, only the start the month after it.
     */
    public List<Transaction> query(App app, Query q) {
        Merchant merchant = merchants.resolve(app, q.mchid());
        TransactionFilter f = q.filter();
        // Numbers name transactions outright, so a window (by default this month) would only hide them.
        boolean byNumber = !f.syssns().isEmpty() || !f.outTradeNos().isEmpty();
        TransactionFilter windowed = !byNumber ? withWindow(f)
                : new TransactionFilter(f.syssns(), f.outTradeNos(), f.payTypes(), f.respcd(), null, null);
        return transactions.find(merchant.id(), windowed, (q.page() - 1) * q.pageSize(), q.pageSize());
    }

    private TransactionFilter withWindow(TransactionFilter f) {
        LocalDateTime from = f.from();
        LocalDateTime to = f.to();
        if (from == null && to == null) {
            from = LocalDate.now(clock.withZone(gatewayZone)).withDayOfMonth(1).atStartOfDay();
            to = from.plusMonths(1).minusSeconds(1);
        } else if (from == null) {
            from = to.minusMonths(1);
        } else if (to == null) {
            to = from.plusMonths(1);
        }
        if (to.isBefore(from)) {
            throw Refusal.parameter("end_time", "is before start_time");
        }
        if (to.isAfter(from.plusMonths(1))) {
            throw Refusal.parameter("end_time", "must be at most one calendar month after start_time");
        }
        return new TransactionFilter(f.syssns(), f.outTradeNos(), f.payTypes(), f.respcd(), from, to);
    }

    /**
     * The newest transactions of every merchant the app reaches (a merchant app's one, an agent's
     * sub-merchants), newest first: what a portal user of that app may see.
     */
    public List<Transaction> recent(App app, int limit) {
        List<Long> ids = merchants.ofApp(app).stream().map(Merchant::id).toList();
        return ids.isEmpty() ? List.of() : transactions.newest(ids, Math.min(limit, MAX_PAGE_SIZE));
    }

    /** A statement's row: a transaction and its merchant's {@code mchid} (empty for a merchant app's own). */
    public record StatementRow(Transaction transaction, String mchid) {}

    /**
     * Hands every transaction made on {@code date} (gateway time) to {@code rows}, oldest first,
     * one at a time: the merchant app's, or all of an agent's sub-merchants' unless {@code mchid}
     * names one.
     */
    public void day(App app, String mchid, LocalDate date, Consumer<StatementRow> rows) {
        Map<Long, String> mchids = new HashMap<>();
        for (Merchant merchant : merchants.statementScope(app, mchid)) {
            mchids.put(merchant.id(), merchant.mchid() == null ? "" : merchant.mchid());
        }
        transactions.eachBetween(mchids.keySet(), date.atStartOfDay(), date.plusDays(1).atStartOfDay(),
                t -> rows.accept(new StatementRow(t, mchids.get(t.merchantId()))));
    }
}
