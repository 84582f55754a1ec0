package io.qfgate.server.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Buyer;
import io.qfgate.sandbox.customs.CustomsDesk.Declaration;
import io.qfgate.sandbox.customs.CustomsDesk.Status;
import io.qfgate.sandbox.customs.CustomsDesk.Terms;
import io.qfgate.sandbox.ledger.CloseReason;
import io.qfgate.sandbox.ledger.OrderTerms;
import io.qfgate.sandbox.ledger.Refund;
import io.qfgate.sandbox.ledger.TradeStatus;
import io.qfgate.sandbox.store.Notice;
import io.qfgate.sandbox.store.SandboxStore;
import io.qfgate.sandbox.store.StoredTrade;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The embedded Alipay sandbox's books in the gateway's database (tables {@code sandbox_*}), so
 * that they outlive a restart and every node on the database shares them. Each money-moving step
 * is one transaction whose conditions sit in its UPDATEs' WHERE clauses: a second node racing for
 * the same row re-checks them on the row as the first left it, on PostgreSQL and H2 alike. Times
 * are stored in UTC.
 */
public final class SqlSandboxLedger implements SandboxStore {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRADE_COLUMNS = """
            trade_no, partner_id, out_trade_no, wallet_token, subject, body, currency, total_minor, notify_url,
            return_url, merchant_name, secondary_merchant_id, secondary_merchant_industry, product_code,
            payment_inst, validity_seconds, gmt_create, cny_rate, cny_fen, created_at, expires_at, status,
            close_reason, payer_login, paid_at, closed_at, refunded_minor, refunded_cny_fen, last_change""";

    /** Leaves a transaction early, rolled back, with what the step did. */
    private static final class Abort extends RuntimeException {
        final transient Object result;

        Abort(Object result) {
            super(null, null, false, false);
            this.result = result;
        }
    }

    private final Jdbi jdbi;

    public SqlSandboxLedger(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void seedBuyers(Collection<Buyer> buyers) {
        for (Buyer b : buyers) {
            try {
                jdbi.useHandle(h -> h.createUpdate("""
                                INSERT INTO sandbox_buyer (login, balance_fen) SELECT :login, :fen
                                WHERE NOT EXISTS (SELECT 1 FROM sandbox_buyer WHERE login = :login)""")
                        .bind("login", b.login()).bind("fen", b.openingBalanceFen()).execute());
            } catch (UnableToExecuteStatementException e) {
                if (!Database.isUniqueViolation(e)) {
                    throw e; // else another node seeded this buyer at the same moment
                }
            }
        }
    }

    @Override
    public Optional<Long> balanceFen(String login) {
        return jdbi.withHandle(h -> h.createQuery("SELECT balance_fen FROM sandbox_buyer WHERE login = :login")
                .bind("login", login).mapTo(Long.class).findOne());
    }

    @Override
    public StoredTrade insertOrGet(StoredTrade t) {
        OrderTerms terms = t.terms();
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO sandbox_trade (" + TRADE_COLUMNS + ") VALUES ("
                            + TRADE_COLUMNS.replaceAll("(\\w+)", ":$1") + ")")
                    .bind("trade_no", t.tradeNo()).bind("partner_id", terms.partnerId())
                    .bind("out_trade_no", terms.outTradeNo()).bind("wallet_token", t.walletToken())
                    .bind("subject", terms.subject()).bind("body", terms.body())
                    .bind("currency", terms.currency().name()).bind("total_minor", terms.totalMinor())
                    .bind("notify_url", terms.notifyUrl()).bind("return_url", terms.returnUrl())
                    .bind("merchant_name", terms.merchantName())
                    .bind("secondary_merchant_id", terms.secondaryMerchantId())
                    .bind("secondary_merchant_industry", terms.secondaryMerchantIndustry())
                    .bind("product_code", terms.productCode()).bind("payment_inst", terms.paymentInst())
                    .bind("validity_seconds", terms.validity().toSeconds()).bindByType("gmt_create", utc(terms.gmtCreate()), LocalDateTime.class)
                    .bind("cny_rate", t.cnyRate().toPlainString()).bind("cny_fen", t.cnyFen())
                    .bind("created_at", utc(t.createdAt())).bind("expires_at", utc(t.expiresAt()))
                    .bind("status", t.status().name()).bindByType("close_reason", null, String.class)
                    .bindByType("payer_login", null, String.class).bindByType("paid_at", null, LocalDateTime.class)
                    .bindByType("closed_at", null, LocalDateTime.class).bind("refunded_minor", 0L)
                    .bind("refunded_cny_fen", 0L).bind("last_change", utc(t.lastChange()))
                    .execute());
            return byTradeNo(t.tradeNo()).orElseThrow();
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                // The merchant's same out_trade_no again, first stored by another request or node.
                return byOutTradeNo(terms.partnerId(), terms.outTradeNo()).orElseThrow(() -> e);
            }
            throw e;
        }
    }

    @Override
    public Optional<StoredTrade> byOutTradeNo(String partnerId, String outTradeNo) {
        return tradeWhere("partner_id = :a AND out_trade_no = :b", partnerId, outTradeNo);
    }

    @Override
    public Optional<StoredTrade> byTradeNo(String tradeNo) {
        return tradeWhere("trade_no = :a", tradeNo, null);
    }

    @Override
    public Optional<StoredTrade> byToken(String walletToken) {
        return tradeWhere("wallet_token = :a", walletToken, null);
    }

    private Optional<StoredTrade> tradeWhere(String condition, String a, String b) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TRADE_COLUMNS + " FROM sandbox_trade WHERE " + condition)
                .bind("a", a).bind("b", b)
                .map((rs, ctx) -> trade(rs)).findOne());
    }

    @Override
    public List<Refund> refunds(String tradeNo) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sandbox_refund WHERE trade_no = :t ORDER BY refunded_at, out_return_no")
                .bind("t", tradeNo).map((rs, ctx) -> refund(rs)).list());
    }

    @Override
    public Optional<RefundEntry> refundByOutReturnNo(String partnerId, String outReturnNo) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sandbox_refund WHERE partner_id = :p AND out_return_no = :r")
                .bind("p", partnerId).bind("r", outReturnNo)
                .map((rs, ctx) -> new RefundEntry(rs.getString("trade_no"), refund(rs))).findOne());
    }

    @Override
    public PayResult pay(String tradeNo, String buyerLogin, long cnyFen, Instant at, Notice notice) {
        return step(h -> {
            // The trade first: its row lock makes a second payer wait, then find it paid.
            int paid = h.createUpdate("""
                            UPDATE sandbox_trade SET status = 'TRADE_FINISHED', payer_login = :buyer, paid_at = :at,
                                last_change = :at
                            WHERE trade_no = :trade AND status = 'WAIT_BUYER_PAY' AND expires_at > :at""")
                    .bind("buyer", buyerLogin).bind("at", utc(at)).bind("trade", tradeNo).execute();
            if (paid == 0) {
                throw new Abort(PayResult.NOT_PAYABLE);
            }
            int debited = h.createUpdate("""
                            UPDATE sandbox_buyer SET balance_fen = balance_fen - :fen
                            WHERE login = :buyer AND balance_fen >= :fen""")
                    .bind("fen", cnyFen).bind("buyer", buyerLogin).execute();
            if (debited == 0) {
                throw new Abort(PayResult.INSUFFICIENT_BALANCE);
            }
            if (notice != null) {
                insertNotice(h, notice, at);
            }
            return PayResult.PAID;
        });
    }

    private static void insertNotice(Handle h, Notice n, Instant due) {
        String params;
        try {
            params = JSON.writeValueAsString(n.params());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        h.createUpdate("""
                        INSERT INTO sandbox_notice (notify_id, partner_id, url, params, attempts, sent, next_attempt_at)
                        VALUES (:id, :partner, :url, :params, 0, FALSE, :due)""")
                .bind("id", n.notifyId()).bind("partner", n.partnerId()).bind("url", n.url())
                .bind("params", params).bind("due", utc(due)).execute();
    }

    @Override
    public boolean close(String tradeNo, CloseReason reason, Instant at) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE sandbox_trade SET status = 'TRADE_CLOSED', close_reason = :reason, closed_at = :at,
                            last_change = :at
                        WHERE trade_no = :trade AND status = 'WAIT_BUYER_PAY'""")
                .bind("reason", reason.name()).bind("at", utc(at)).bind("trade", tradeNo).execute()) == 1;
    }

    @Override
    public RefundResult refund(String partnerId, String tradeNo, long refundedMinorBefore, String payerLogin,
            Refund r) {
        try {
            return step(h -> {
                int added = h.createUpdate("""
                                UPDATE sandbox_trade SET refunded_minor = refunded_minor + :amount,
                                    refunded_cny_fen = refunded_cny_fen + :fen, last_change = :at
                                WHERE trade_no = :trade AND status = 'TRADE_FINISHED' AND refunded_minor = :before
                                  AND refunded_minor + :amount <= total_minor""")
                        .bind("amount", r.amountMinor()).bind("fen", r.cnyFen()).bind("at", utc(r.at()))
                        .bind("trade", tradeNo).bind("before", refundedMinorBefore).execute();
                if (added == 0) {
                    throw new Abort(RefundResult.STALE);
                }
                h.createUpdate("""
                                INSERT INTO sandbox_refund (partner_id, out_return_no, trade_no, amount_minor, cny_fen,
                                    reason, refunded_at)
                                VALUES (:partner, :no, :trade, :amount, :fen, :reason, :at)""")
                        .bind("partner", partnerId).bind("no", r.outReturnNo()).bind("trade", tradeNo)
                        .bind("amount", r.amountMinor()).bind("fen", r.cnyFen()).bind("reason", r.reason())
                        .bind("at", utc(r.at())).execute();
                h.createUpdate("UPDATE sandbox_buyer SET balance_fen = balance_fen + :fen WHERE login = :buyer")
                        .bind("fen", r.cnyFen()).bind("buyer", payerLogin).execute();
                return RefundResult.APPLIED;
            });
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return RefundResult.DUPLICATE_OUT_RETURN_NO;
            }
            throw e;
        }
    }

    @Override
    public int expireDue(Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE sandbox_trade SET status = 'TRADE_CLOSED', close_reason = 'EXPIRED',
                            closed_at = expires_at, last_change = expires_at
                        WHERE status = 'WAIT_BUYER_PAY' AND expires_at <= :now""")
                .bind("now", utc(now)).execute());
    }

    @Override
    public int forgetSettledBefore(Instant cutoff) {
        // Refunds go with their trade (ON DELETE CASCADE).
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM sandbox_trade WHERE status <> 'WAIT_BUYER_PAY' AND last_change < :cutoff")
                .bind("cutoff", utc(cutoff)).execute());
    }

    @Override
    public List<Notice> claimDue(Instant now, Instant leaseUntil, int limit) {
        String token = UUID.randomUUID().toString();
        return jdbi.inTransaction(h -> {
            h.createUpdate("""
                            UPDATE sandbox_notice SET lease_token = :token, lease_until = :lease, sent = TRUE
                            WHERE notify_id IN (SELECT notify_id FROM sandbox_notice
                                                WHERE settled_at IS NULL AND next_attempt_at <= :now
                                                  AND (lease_until IS NULL OR lease_until < :now)
                                                ORDER BY next_attempt_at LIMIT :limit)
                              AND settled_at IS NULL AND next_attempt_at <= :now
                              AND (lease_until IS NULL OR lease_until < :now)""")
                    .bind("token", token).bind("lease", utc(leaseUntil)).bind("now", utc(now)).bind("limit", limit)
                    .execute();
            return h.createQuery("SELECT * FROM sandbox_notice WHERE lease_token = :token AND settled_at IS NULL")
                    .bind("token", token).map((rs, ctx) -> notice(rs)).list();
        });
    }

    @Override
    public void recordAttempt(String notifyId, int attempts, Instant nextAttemptAt, Instant settledAt) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE sandbox_notice SET attempts = :attempts, next_attempt_at = :next, settled_at = :settled,
                            lease_token = NULL, lease_until = NULL
                        WHERE notify_id = :id""")
                .bind("attempts", attempts).bind("next", utc(nextAttemptAt)).bindByType("settled", utc(settledAt), LocalDateTime.class)
                .bind("id", notifyId).execute());
    }

    @Override
    public boolean wasSent(String partnerId, String notifyId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sandbox_notice WHERE notify_id = :id AND partner_id = :p AND sent")
                .bind("id", notifyId).bind("p", partnerId).mapTo(Integer.class).one()) > 0;
    }

    @Override
    public int forgetNoticesSettledBefore(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM sandbox_notice WHERE settled_at < :cutoff")
                .bind("cutoff", utc(cutoff)).execute());
    }

    @Override
    public Optional<Declaration> declaration(String partnerId, String outRequestNo) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM sandbox_customs WHERE partner_id = :p AND out_request_no = :no")
                .bind("p", partnerId).bind("no", outRequestNo).map((rs, ctx) -> declaration(rs)).findOne());
    }

    @Override
    public boolean saveDeclaration(String partnerId, Declaration previous, Declaration next) {
        String sql = previous == null ? """
                INSERT INTO sandbox_customs (partner_id, out_request_no, trade_no, merchant_customs_code,
                    merchant_customs_name, amount_fen, customs_place, sub_out_biz_no, declare_no, status, memo, pushes,
                    queries, modified_at)
                VALUES (:p, :no, :trade, :code, :name, :fen, :place, :sub, :declareNo, :status, :memo, :pushes,
                    :queries, :at)""" : """
                UPDATE sandbox_customs SET trade_no = :trade, merchant_customs_code = :code,
                    merchant_customs_name = :name, amount_fen = :fen, customs_place = :place, sub_out_biz_no = :sub,
                    status = :status, memo = :memo, pushes = :pushes, queries = :queries, modified_at = :at
                WHERE partner_id = :p AND out_request_no = :no AND pushes = :pushesBefore
                  AND queries = :queriesBefore""";
        Terms t = next.terms();
        try {
            return jdbi.withHandle(h -> h.createUpdate(sql)
                    .bind("p", partnerId).bind("no", next.outRequestNo()).bind("trade", t.tradeNo())
                    .bind("code", t.merchantCustomsCode()).bind("name", t.merchantCustomsName())
                    .bind("fen", t.amountFen()).bind("place", t.customsPlace())
                    .bindByType("sub", t.subOutBizNo(), String.class)
                    .bind("declareNo", next.declareNo()).bind("status", next.status().name())
                    .bind("memo", next.memo()).bind("pushes", next.pushes()).bind("queries", next.queries())
                    .bind("at", utc(next.modifiedAt()))
                    .bind("pushesBefore", previous == null ? 0 : previous.pushes())
                    .bind("queriesBefore", previous == null ? 0 : previous.queries())
                    .execute()) == 1;
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return false; // another request or node declared this number first
            }
            throw e;
        }
    }

    private static Declaration declaration(ResultSet rs) throws SQLException {
        Terms terms = new Terms(rs.getString("trade_no"), rs.getString("merchant_customs_code"),
                rs.getString("merchant_customs_name"), rs.getLong("amount_fen"), rs.getString("customs_place"),
                rs.getString("sub_out_biz_no"));
        return new Declaration(rs.getString("out_request_no"), terms, rs.getString("declare_no"),
                Status.valueOf(rs.getString("status")), rs.getString("memo"), rs.getInt("pushes"),
                rs.getInt("queries"), instant(rs, "modified_at"));
    }

    @SuppressWarnings("unchecked")
    private <T> T step(org.jdbi.v3.core.HandleCallback<T, RuntimeException> work) {
        try {
            return jdbi.inTransaction(work);
        } catch (Abort abort) {
            return (T) abort.result;
        }
    }

    private static StoredTrade trade(ResultSet rs) throws SQLException {
        OrderTerms terms = new OrderTerms(rs.getString("partner_id"), rs.getString("out_trade_no"),
                rs.getString("subject"), rs.getString("body"), Currency.valueOf(rs.getString("currency")),
                rs.getLong("total_minor"), rs.getString("notify_url"), rs.getString("return_url"),
                rs.getString("merchant_name"), rs.getString("secondary_merchant_id"),
                rs.getString("secondary_merchant_industry"), rs.getString("product_code"),
                rs.getString("payment_inst"), Duration.ofSeconds(rs.getLong("validity_seconds")),
                instant(rs, "gmt_create"));
        String reason = rs.getString("close_reason");
        return new StoredTrade(terms, rs.getString("trade_no"), rs.getString("wallet_token"),
                new BigDecimal(rs.getString("cny_rate")), rs.getLong("cny_fen"), instant(rs, "created_at"),
                instant(rs, "expires_at"), TradeStatus.valueOf(rs.getString("status")),
                reason == null ? null : CloseReason.valueOf(reason), rs.getString("payer_login"),
                instant(rs, "paid_at"), instant(rs, "closed_at"), rs.getLong("refunded_minor"),
                rs.getLong("refunded_cny_fen"), instant(rs, "last_change"));
    }

    private static Refund refund(ResultSet rs) throws SQLException {
        return new Refund(rs.getString("out_return_no"), rs.getLong("amount_minor"), rs.getLong("cny_fen"),
                rs.getString("reason"), instant(rs, "refunded_at"));
    }

    private static Notice notice(ResultSet rs) throws SQLException {
        Map<String, String> params;
        try {
            params = JSON.readValue(rs.getString("params"), new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable sandbox notice " + rs.getString("notify_id"), e);
        }
        return new Notice(rs.getString("notify_id"), rs.getString("partner_id"), rs.getString("url"), params,
                rs.getInt("attempts"));
    }

    /** UTC, to the microsecond both databases keep. */
    private static LocalDateTime utc(Instant instant) {
        return instant == null ? null
                : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        LocalDateTime value = rs.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }
}
