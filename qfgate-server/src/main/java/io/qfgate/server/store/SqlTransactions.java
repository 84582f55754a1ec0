package io.qfgate.server.store;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Notice;
import io.qfgate.server.domain.OrderType;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.TransactionFilter;
import io.qfgate.server.domain.TransactionSearch;
import io.qfgate.server.domain.Stores.Transactions.RefundReservation;
import io.qfgate.server.domain.Transaction;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Payments and refunds in the {@code transactions} table. */
public final class SqlTransactions implements Stores.Transactions {
    private static final DateTimeFormatter SYSSN_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int SYSSN_BLOCK = 100; // the sequence's INCREMENT BY
    private static final int STATEMENT_FETCH_SIZE = 500;

    /** Orders the shopper may still pay: what the expiry sweep looks at. */
    private static final List<String> PENDING = codes(Respcd.NOT_PAID_YET, Respcd.PROCESSING);
    /** Orders the merchant may still close: pending, or expired here while still open at the channel. */
    private static final List<String> PAYABLE = codes(Respcd.NOT_PAID_YET, Respcd.PROCESSING, Respcd.ORDER_EXPIRED);
    /** Orders the gateway gave up on, whose payment (if the shopper pays anyway) goes back to the shopper. */
    private static final List<String> GIVEN_UP = codes(Respcd.ORDER_CLOSED, Respcd.ORDER_EXPIRED);
    /** Refunds being carried out with the channel. */
    private static final List<String> REFUNDING = codes(Respcd.PROCESSING);

    /** Binds the receipt columns as null for a transaction that has none. */
    private static final Receipt NO_RECEIPT = new Receipt(null, null, null, null, null, null);

    private final Jdbi jdbi;
    private final NewOrders newOrders;
    private long nextNumber;
    private long blockEnd;

    public SqlTransactions(Database database) {
        this.jdbi = database.jdbi();
        this.newOrders = new NewOrders(jdbi);
    }

    @Override
    public boolean insert(Transaction t) {
        return newOrders.insert(t);
    }

    /** The most new orders one commit has carried so far (see {@link NewOrders}). */
    int newOrdersLargestBatch() {
        return newOrders.largestBatch();
    }

    /** The columns a new transaction sets, in the order {@link #bind} binds them. */
    static final String INSERT_COLUMNS = """
            INSERT INTO transactions (syssn, app_id, merchant_id, order_type, orig_syssn, out_trade_no, pay_type,
                txamt, txcurrcd, txdtm, txzone, sysdtm, expires_at, respcd, goods_name, goods_info, udid,
                return_url, notify_url, expired_time, pay_url, request_digest,
                paydtm, chnlsn, cardcd, exchange_rate, cash_fee, cash_fee_type)
            VALUES\s""";
    static final String INSERT_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String INSERT = INSERT_COLUMNS + INSERT_ROW;

    private static void insert(Handle h, Transaction t) {
        try (PreparedStatement ps = h.getConnection().prepareStatement(INSERT)) {
            bind(ps, 0, t);
            ps.executeUpdate();
        } catch (SQLException e) {
            // Shaped like JDBI's own failures, so callers tell a unique violation the same way.
            throw new UnableToExecuteStatementException(e, null);
        }
    }

    /**
     * Every new order passes here, so it binds by position on the JDBC statement: JDBI's named
     * binding cost several times the driver's own work in the profile (docs/performance.md).
     * Binds from parameter {@code after + 1} on and returns the last index bound, so that several
     * rows of one statement bind one after another.
     */
    static int bind(PreparedStatement ps, int after, Transaction t) throws SQLException {
        Receipt r = t.receipt() == null ? NO_RECEIPT : t.receipt();
        int i = after;
        ps.setString(++i, t.syssn());
        ps.setLong(++i, t.appId());
        ps.setLong(++i, t.merchantId());
        ps.setString(++i, t.orderType().dbName());
        ps.setString(++i, t.origSyssn());
        ps.setString(++i, t.outTradeNo());
        ps.setString(++i, t.payType().code());
        ps.setLong(++i, t.txamt());
        ps.setString(++i, t.currency().name());
        ps.setString(++i, t.txdtm());
        ps.setString(++i, t.txzone());
        ps.setTimestamp(++i, timestamp(t.sysdtm()));
        ps.setTimestamp(++i, timestamp(t.expiresAt()));
        ps.setString(++i, t.respcd().code());
        ps.setString(++i, t.goodsName());
        ps.setString(++i, t.goodsInfo());
        ps.setString(++i, t.udid());
        ps.setString(++i, t.returnUrl());
        ps.setString(++i, t.notifyUrl());
        ps.setObject(++i, t.expiredMinutes(), Types.INTEGER); // null binds SQL NULL
        ps.setString(++i, t.payUrl());
        ps.setString(++i, t.requestDigest());
        ps.setTimestamp(++i, timestamp(r.paydtm()));
        ps.setString(++i, r.chnlsn());
        ps.setString(++i, r.cardcd());
        ps.setString(++i, r.exchangeRate());
        ps.setObject(++i, r.cashFee(), Types.BIGINT);
        ps.setString(++i, r.cashFeeType() == null ? null : r.cashFeeType().name());
        return i;
    }

    private static List<String> codes(Respcd... states) {
        return Arrays.stream(states).map(Respcd::code).toList();
    }

    private static Timestamp timestamp(LocalDateTime time) {
        return time == null ? null : Timestamp.valueOf(time);
    }

    @Override
    public Optional<Transaction> byOutTradeNo(long merchantId, String outTradeNo) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM transactions WHERE merchant_id = :merchantId AND out_trade_no = :outTradeNo")
                .bind("merchantId", merchantId)
                .bind("outTradeNo", outTradeNo)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public Optional<Transaction> bySyssn(String syssn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM transactions WHERE syssn = :syssn")
                .bind("syssn", syssn)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<Transaction> pendingDueBy(LocalDateTime now, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM transactions
                        WHERE respcd IN (<pending>) AND expires_at <= :now AND order_type = :payment
                        ORDER BY expires_at LIMIT :limit""")
                .bindList("pending", PENDING)
                .bind("payment", OrderType.PAYMENT.dbName())
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public boolean markPaid(String syssn, Receipt receipt, Notice notice) {
        return succeed(syssn, receipt, notice, OrderType.PAYMENT, PENDING);
    }

    @Override
    public boolean markPaidLate(Transaction paidLate, Transaction refund, Notice notice) {
        Receipt r = paidLate.receipt();
        return jdbi.inTransaction(h -> {
            // The condition on the closed or expired state makes this the one report that records it.
            int changed = h.createUpdate("""
                            UPDATE transactions SET respcd = :success, paydtm = :paydtm, chnlsn = :chnlsn, cardcd = :cardcd,
                                exchange_rate = :exchangeRate, cash_fee = :cashFee, cash_fee_type = :cashFeeType,
                                refunded_amount = :refunded, errmsg = :errmsg
                            WHERE syssn = :syssn AND order_type = :payment AND respcd IN (<givenUp>)
                              AND refunded_amount = 0""")
                    .bind("success", Respcd.SUCCESS.code())
                    .bind("syssn", paidLate.syssn())
                    .bind("payment", OrderType.PAYMENT.dbName())
                    .bindList("givenUp", GIVEN_UP)
                    .bind("refunded", paidLate.refundedAmount())
                    .bind("errmsg", paidLate.errmsg())
                    .bindMethods(r)
                    .execute();
            if (changed != 1) {
                return false;
            }
            insert(h, refund);
            if (notice != null) {
                SqlNotifications.insert(h, notice);
            }
            return true;
        });
    }

    /**
     * The success and the notice announcing it, in one database transaction: either both are
     * stored or neither.
     */
    private boolean succeed(String syssn, Receipt receipt, Notice notice, OrderType orderType, List<String> fromStates) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("""
                            UPDATE transactions SET respcd = :success, paydtm = :paydtm, chnlsn = :chnlsn, cardcd = :cardcd,
                                exchange_rate = :exchangeRate, cash_fee = :cashFee, cash_fee_type = :cashFeeType
                            WHERE syssn = :syssn AND order_type = :orderType AND respcd IN (<from>)""")
                    .bind("success", Respcd.SUCCESS.code())
                    .bind("syssn", syssn)
                    .bind("orderType", orderType.dbName())
                    .bindList("from", fromStates)
                    .bindMethods(receipt)
                    .execute();
            if (changed == 1 && notice != null) {
                SqlNotifications.insert(h, notice);
            }
            return changed == 1;
        });
    }

    @Override
    public boolean markClosed(String syssn) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE transactions SET respcd = :closed
                        WHERE syssn = :syssn AND order_type = :payment AND respcd IN (<payable>)""")
                .bind("closed", Respcd.ORDER_CLOSED.code())
                .bind("syssn", syssn)
                .bind("payment", OrderType.PAYMENT.dbName())
                .bindList("payable", PAYABLE)
                .execute()) == 1;
    }

    @Override
    public String cancelSyssn(String syssn, Supplier<String> newNumber) {
        String stored = storedCancelSyssn(syssn);
        if (stored != null) {
            return stored;
        }
        jdbi.useHandle(h -> h.createUpdate(
                        "UPDATE transactions SET cancel_syssn = :cancel WHERE syssn = :syssn AND cancel_syssn IS NULL")
                .bind("cancel", newNumber.get())
                .bind("syssn", syssn)
                .execute());
        return Objects.requireNonNull(storedCancelSyssn(syssn), "no payment " + syssn);
    }

    private String storedCancelSyssn(String syssn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_syssn FROM transactions WHERE syssn = :syssn")
                .bind("syssn", syssn)
                .mapTo(String.class)
                .findOne()
                .orElse(null));
    }

    @Override
    public RefundReservation reserveRefund(Transaction refund) {
        try {
            return jdbi.inTransaction(h -> {
                // The row lock this update takes serializes refunds of one payment; the condition is
                // evaluated on the latest refunded total, and the table's CHECK backs it up.
                int reserved = h.createUpdate("""
                                UPDATE transactions SET refunded_amount = refunded_amount + :amount
                                WHERE syssn = :orig AND order_type = :payment AND respcd = :success
                                  AND refunded_amount + :amount <= txamt""")
                        .bind("orig", refund.origSyssn())
                        .bind("payment", OrderType.PAYMENT.dbName())
                        .bind("success", Respcd.SUCCESS.code())
                        .bind("amount", refund.txamt())
                        .execute();
                if (reserved != 1) {
                    return RefundReservation.EXCEEDS_REFUNDABLE;
                }
                insert(h, refund);
                return RefundReservation.RESERVED;
            });
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return RefundReservation.DUPLICATE_OUT_TRADE_NO;
            }
            throw e;
        }
    }

    @Override
    public boolean completeRefund(String refundSyssn, Receipt receipt, Notice notice) {
        return succeed(refundSyssn, receipt, notice, OrderType.REFUND, REFUNDING);
    }

    @Override
    public boolean failRefund(Transaction refund, String errmsg) {
        return jdbi.inTransaction(h -> {
            int failed = h.createUpdate("""
                            UPDATE transactions SET respcd = :denied, errmsg = :errmsg
                            WHERE syssn = :syssn AND order_type = :refund AND respcd IN (<refunding>)""")
                    .bind("denied", Respcd.REFUND_DENIED.code())
                    .bind("syssn", refund.syssn())
                    .bind("refund", OrderType.REFUND.dbName())
                    .bindList("refunding", REFUNDING)
                    .bind("errmsg", errmsg.length() > 256 ? errmsg.substring(0, 256) : errmsg)
                    .execute();
            if (failed == 1) {
                h.createUpdate("UPDATE transactions SET refunded_amount = refunded_amount - :amount WHERE syssn = :orig")
                        .bind("amount", refund.txamt())
                        .bind("orig", refund.origSyssn())
                        .execute();
            }
            return failed == 1;
        });
    }

    @Override
    public List<Transaction> pendingRefunds(int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM transactions WHERE order_type = :refund AND respcd IN (<refunding>)
                        ORDER BY sysdtm LIMIT :limit""")
                .bind("refund", OrderType.REFUND.dbName())
                .bindList("refunding", REFUNDING)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public boolean setNote(String syssn, String note) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE transactions SET note = :note WHERE syssn = :syssn")
                .bind("syssn", syssn)
                .bind("note", note)
                .execute()) == 1;
    }

    /**
     * Every query by syssn or out_trade_no passes here, so like the insert it binds by position on
     * the JDBC statement: JDBI's own work was about a twentieth of a query's CPU in the profile.
     */
    @Override
    public List<Transaction> newest(java.util.Collection<Long> merchantIds, int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM transactions WHERE merchant_id IN (<ids>) ORDER BY sysdtm DESC, syssn DESC LIMIT :limit")
                .bindList("ids", List.copyOf(merchantIds))
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public List<Transaction> find(long merchantId, TransactionFilter f, int offset, int limit) {
        StringBuilder sql = new StringBuilder("SELECT * FROM transactions WHERE merchant_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(merchantId);
        whereIn(sql, args, "syssn", f.syssns());
        whereIn(sql, args, "out_trade_no", f.outTradeNos());
        whereIn(sql, args, "pay_type", f.payTypes().stream().map(PayType::code).toList());
        if (f.respcd() != null) {
            sql.append(" AND respcd = ?");
            args.add(f.respcd().code());
        }
        if (f.from() != null) {
            sql.append(" AND sysdtm >= ? AND sysdtm <= ?");
            args.add(timestamp(f.from()));
            args.add(timestamp(f.to()));
        }
        sql.append(" ORDER BY sysdtm DESC, syssn DESC LIMIT ? OFFSET ?");
        args.add(limit);
        args.add(offset);
        return jdbi.withHandle(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                List<Transaction> found = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        found.add(read(rs));
                    }
                }
                return found;
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        });
    }

    @Override
    public void search(Collection<Long> merchantIds, TransactionSearch search, Transaction after, int limit,
            Consumer<Transaction> each) {
        if (merchantIds.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder("SELECT * FROM transactions WHERE merchant_id IN (")
                .append("?, ".repeat(merchantIds.size() - 1)).append("?)");
        List<Object> args = new ArrayList<>(merchantIds);
        searchConditions(sql, args, search);
        if (after != null) {
            // The keyset: rows strictly after the last one shown, so equal times neither repeat nor skip a row.
            sql.append(" AND (sysdtm, syssn) < (?, ?)");
            args.add(timestamp(after.sysdtm()));
            args.add(after.syssn());
        }
        sql.append(" ORDER BY sysdtm DESC, syssn DESC LIMIT ?");
        args.add(limit);
        // In a transaction with a fetch size: PostgreSQL then sends the rows through a cursor.
        jdbi.useTransaction(h -> {
            try (PreparedStatement ps = h.getConnection().prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    ps.setObject(i + 1, args.get(i));
                }
                ps.setFetchSize(STATEMENT_FETCH_SIZE);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        each.accept(read(rs));
                    }
                }
            } catch (SQLException e) {
                throw new UnableToExecuteStatementException(e, null);
            }
        });
    }

    private static void searchConditions(StringBuilder sql, List<Object> args, TransactionSearch s) {
        if (s.from() != null) {
            sql.append(" AND sysdtm >= ?");
            args.add(timestamp(s.from().atStartOfDay()));
        }
        if (s.to() != null) {
            sql.append(" AND sysdtm < ?");
            args.add(timestamp(s.to().plusDays(1).atStartOfDay()));
        }
        if (s.payType() != null) {
            sql.append(" AND pay_type = ?");
            args.add(s.payType().code());
        }
        if (s.currency() != null) {
            sql.append(" AND txcurrcd = ?");
            args.add(s.currency().name());
        }
        if (s.q() != null) {
            sql.append(" AND (syssn = ? OR out_trade_no = ? OR udid = ?)");
            args.addAll(List.of(s.q(), s.q(), s.q()));
        }
        if (s.state() != null) {
            sql.append(" AND ").append(stateCondition(s.state()));
        }
    }

    /** A state as SQL over constants only (no user text reaches it). */
    private static String stateCondition(TransactionSearch.State state) {
        String payment = "order_type = '" + OrderType.PAYMENT.dbName() + "'";
        return switch (state) {
            case PAID -> payment + " AND respcd = '" + Respcd.SUCCESS.code() + "' AND refunded_amount = 0";
            case PENDING -> "respcd IN (" + quoted(PENDING) + ")";
            case CLOSED -> "respcd = '" + Respcd.ORDER_CLOSED.code() + "'";
            case EXPIRED -> "respcd = '" + Respcd.ORDER_EXPIRED.code() + "'";
            case REFUNDED -> payment + " AND refunded_amount > 0";
            case REFUND -> "order_type = '" + OrderType.REFUND.dbName() + "' AND respcd = '" + Respcd.SUCCESS.code() + "'";
            case FAILED -> "respcd NOT IN (" + quoted(codes(Respcd.SUCCESS, Respcd.NOT_PAID_YET, Respcd.PROCESSING,
                    Respcd.ORDER_CLOSED, Respcd.ORDER_EXPIRED)) + ")";
        };
    }

    private static String quoted(List<String> codes) {
        return String.join(", ", codes.stream().map(c -> "'" + c + "'").toList());
    }

    @Override
    public List<Transaction> refundsOf(String paymentSyssn) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM transactions WHERE orig_syssn = :syssn ORDER BY sysdtm, syssn")
                .bind("syssn", paymentSyssn)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    /** {@code AND column IN (?, …)} with one placeholder per value; nothing when there are none. */
    private static void whereIn(StringBuilder sql, List<Object> args, String column, List<String> values) {
        if (values.isEmpty()) {
            return;
        }
        sql.append(" AND ").append(column).append(" IN (").append("?, ".repeat(values.size() - 1)).append("?)");
        args.addAll(values);
    }

    @Override
    public void eachBetween(Collection<Long> merchantIds, LocalDateTime from, LocalDateTime to, Consumer<Transaction> each) {
        if (merchantIds.isEmpty()) {
            return;
        }
        // In a transaction with a fetch size: PostgreSQL then sends the rows through a cursor, a
        // batch at a time, instead of the whole day at once.
        jdbi.useTransaction(h -> h.createQuery("""
                        SELECT * FROM transactions WHERE merchant_id IN (<merchantIds>) AND sysdtm >= :from AND sysdtm < :to
                        ORDER BY sysdtm, syssn""")
                .bindList("merchantIds", List.copyOf(merchantIds))
                .bind("from", from)
                .bind("to", to)
                .setFetchSize(STATEMENT_FETCH_SIZE)
                .map((rs, ctx) -> read(rs))
                .useStream(rows -> rows.forEach(each)));
    }

    @Override
    public boolean markExpired(String syssn) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE transactions SET respcd = :expired
                        WHERE syssn = :syssn AND order_type = :payment AND respcd IN (<pending>)""")
                .bind("expired", Respcd.ORDER_EXPIRED.code())
                .bind("syssn", syssn)
                .bind("payment", OrderType.PAYMENT.dbName())
                .bindList("pending", PENDING)
                .execute()) == 1;
    }

    /**
     * {@code YYYYMMDD} and 18 digits of a database sequence. Numbers come in blocks of
     * {@value #SYSSN_BLOCK} per node, so every node's numbers are unique without a round trip each.
     */
    @Override
    public synchronized String nextSyssn(LocalDate gatewayDate) {
        if (nextNumber == blockEnd) {
            nextNumber = jdbi.withHandle(h -> h.createQuery("SELECT nextval('syssn_seq')").mapTo(Long.class).one());
            blockEnd = nextNumber + SYSSN_BLOCK;
        }
        String number = Long.toString(nextNumber++);
        return SYSSN_DATE.format(gatewayDate) + "0".repeat(18 - number.length()) + number;
    }

    private static Transaction read(ResultSet rs) throws SQLException {
        Timestamp paydtm = rs.getTimestamp("paydtm");
        Receipt receipt = paydtm == null ? null : new Receipt(
                paydtm.toLocalDateTime(),
                rs.getString("chnlsn"),
                rs.getString("cardcd"),
                rs.getString("exchange_rate"),
                (Long) rs.getObject("cash_fee", Long.class),
                rs.getString("cash_fee_type") == null ? null : Currency.of(rs.getString("cash_fee_type")).orElseThrow());
        return new Transaction(
                rs.getString("syssn"),
                rs.getLong("app_id"),
                rs.getLong("merchant_id"),
                OrderType.fromDb(rs.getString("order_type")),
                rs.getString("orig_syssn"),
                rs.getString("out_trade_no"),
                PayType.of(rs.getString("pay_type")).orElseThrow(),
                rs.getLong("txamt"),
                Currency.of(rs.getString("txcurrcd")).orElseThrow(),
                rs.getString("txdtm"),
                rs.getString("txzone"),
                time(rs, "sysdtm"),
                time(rs, "expires_at"),
                Respcd.of(rs.getString("respcd")).orElseThrow(),
                rs.getString("goods_name"),
                rs.getString("goods_info"),
                rs.getString("udid"),
                rs.getString("return_url"),
                rs.getString("notify_url"),
                (Integer) rs.getObject("expired_time", Integer.class),
                rs.getString("pay_url"),
                rs.getString("request_digest"),
                receipt,
                rs.getLong("refunded_amount"),
                rs.getString("errmsg"),
                rs.getString("note"));
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toLocalDateTime();
    }
}
