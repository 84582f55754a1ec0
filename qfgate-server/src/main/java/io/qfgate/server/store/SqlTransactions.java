package io.qfgate.server.store;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Payments and refunds in the {@code transactions} table. */
public final class SqlTransactions implements Stores.Transactions {
    private static final DateTimeFormatter SYSSN_DATE = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int SYSSN_BLOCK = 100; // the sequence's INCREMENT BY

    /** Binds the receipt columns as null for a transaction that has none. */
    private static final Receipt NO_RECEIPT = new Receipt(null, null, null, null, null, null);

    private final Jdbi jdbi;
    private long nextNumber;
    private long blockEnd;

    public SqlTransactions(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public boolean insert(Transaction t) {
        try {
            jdbi.useHandle(h -> h.createUpdate("""
                    INSERT INTO transactions (syssn, app_id, merchant_id, order_type, orig_syssn, out_trade_no, pay_type,
                        txamt, txcurrcd, txdtm, txzone, sysdtm, expires_at, respcd, goods_name, goods_info, udid,
                        return_url, notify_url, expired_time, pay_url, request_digest,
                        paydtm, chnlsn, cardcd, exchange_rate, cash_fee, cash_fee_type)
                    VALUES (:syssn, :appId, :merchantId, :orderType, :origSyssn, :outTradeNo, :payType,
                        :txamt, :txcurrcd, :txdtm, :txzone, :sysdtm, :expiresAt, :respcd, :goodsName, :goodsInfo, :udid,
                        :returnUrl, :notifyUrl, :expiredMinutes, :payUrl, :requestDigest,
                        :paydtm, :chnlsn, :cardcd, :exchangeRate, :cashFee, :cashFeeType)""")
                    .bind("syssn", t.syssn())
                    .bind("appId", t.appId())
                    .bind("merchantId", t.merchantId())
                    .bind("orderType", t.orderType())
                    .bind("origSyssn", t.origSyssn())
                    .bind("outTradeNo", t.outTradeNo())
                    .bind("payType", t.payType().code())
                    .bind("txamt", t.txamt())
                    .bind("txcurrcd", t.currency().name())
                    .bind("txdtm", t.txdtm())
                    .bind("txzone", t.txzone())
                    .bind("sysdtm", t.sysdtm())
                    .bind("expiresAt", t.expiresAt())
                    .bind("respcd", t.respcd().code())
                    .bind("goodsName", t.goodsName())
                    .bind("goodsInfo", t.goodsInfo())
                    .bind("udid", t.udid())
                    .bind("returnUrl", t.returnUrl())
                    .bind("notifyUrl", t.notifyUrl())
                    .bind("expiredMinutes", t.expiredMinutes())
                    .bind("payUrl", t.payUrl())
                    .bind("requestDigest", t.requestDigest())
                    .bindMethods(t.receipt() == null ? NO_RECEIPT : t.receipt())
                    .execute());
            return true;
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
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
                        WHERE respcd IN ('1143', '1145') AND expires_at <= :now AND order_type = 'payment'
                        ORDER BY expires_at LIMIT :limit""")
                .bind("now", now)
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public boolean markPaid(String syssn, Receipt receipt) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE transactions SET respcd = '0000', paydtm = :paydtm, chnlsn = :chnlsn, cardcd = :cardcd,
                            exchange_rate = :exchangeRate, cash_fee = :cashFee, cash_fee_type = :cashFeeType
                        WHERE syssn = :syssn AND order_type = 'payment' AND respcd IN ('1143', '1145', '1181')""")
                .bind("syssn", syssn)
                .bindMethods(receipt)
                .execute()) == 1;
    }

    @Override
    public boolean markExpired(String syssn) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE transactions SET respcd = '1181'
                        WHERE syssn = :syssn AND order_type = 'payment' AND respcd IN ('1143', '1145')""")
                .bind("syssn", syssn)
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
        return SYSSN_DATE.format(gatewayDate) + String.format("%018d", nextNumber++);
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
                rs.getString("order_type"),
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
                receipt);
    }

    private static LocalDateTime time(ResultSet rs, String column) throws SQLException {
        Timestamp ts = rs.getTimestamp(column);
        return ts == null ? null : ts.toLocalDateTime();
    }
}
