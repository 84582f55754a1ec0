package io.qfgate.server.store;

import io.qfgate.server.domain.Notice;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Stores.Outbox.Attempt;
import io.qfgate.server.domain.Stores.Outbox.Entry;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The notification outbox and its delivery log. */
public final class SqlNotifications implements Stores.Outbox {
    private final Jdbi jdbi;

    public SqlNotifications(Database database) {
        this.jdbi = database.jdbi();
    }

    /**
     * Stores a notice, due at once; called inside the transaction that records the success. A
     * refund's notice keeps its payment's syssn, for {@link #claimDue} to find the payment's notice.
     */
    static void insert(Handle h, Notice notice) {
        h.createUpdate("""
                INSERT INTO notifications (syssn, app_id, notify_type, url, body, state, attempts, next_attempt_at,
                                           created_at, orig_syssn)
                VALUES (:syssn, :appId, :notifyType, :url, :body, :pending, 0, :createdAt, :createdAt,
                        (SELECT orig_syssn FROM transactions WHERE syssn = :syssn))""")
                .bindMethods(notice)
                .bind("pending", NoticeState.PENDING.code())
                .execute();
    }

    /**
     * Claims up to {@code limit} due notifications for this node until {@code leaseUntil}. The
     * conditions are in the UPDATE itself, so two nodes racing for a row re-check them on the row
     * as the other left it, and only one wins. Notices due at the same moment are claimed in the
     * order they were stored.
     *
     * <p>A refund's notice is not claimed while the notice of its payment to the same URL is still
     * pending (waiting for a retry, or being sent): the merchant hears of a payment before any of
     * its refunds, whatever the number of nodes and threads, since the database decides. Once the
     * payment's notice is settled, delivered or failed for good, the refund's goes; a failed one
     * resent later by the operator then arrives after its refund's. The refund's notice carries
     * its payment's syssn, so the check is one lookup on the unique {@code notifications.syssn}
     * per due row (or, as the planner likes, a hash of the pending notices): its cost follows the
     * pending notices, not the size of the tables, and it needs no index of its own.
     */
    @Override
    public List<Entry> claimDue(String token, LocalDateTime now, LocalDateTime leaseUntil, int limit) {
        return jdbi.inTransaction(h -> {
            // The payment's notice is another row, read as the statement found it: one settled then
            // stays settled (only an operator's resend re-opens it), so the refund's may go on that reading.
            h.createUpdate("""
                            UPDATE notifications SET lease_token = :token, lease_until = :leaseUntil
                            WHERE id IN (SELECT n.id FROM notifications n
                                         WHERE n.state = :pending AND n.next_attempt_at <= :now
                                           AND (n.lease_until IS NULL OR n.lease_until < :now)
                                           AND NOT EXISTS (SELECT 1 FROM notifications p
                                                           WHERE p.syssn = n.orig_syssn AND p.url = n.url
                                                             AND p.state = :pending)
                                         ORDER BY n.next_attempt_at, n.id LIMIT :limit)
                              AND state = :pending AND next_attempt_at <= :now
                              AND (lease_until IS NULL OR lease_until < :now)""")
                    .bind("pending", NoticeState.PENDING.code())
                    .bind("token", token)
                    .bind("leaseUntil", leaseUntil)
                    .bind("now", now)
                    .bind("limit", limit)
                    .execute();
            return h.createQuery("SELECT * FROM notifications WHERE lease_token = :token AND state = :pending")
                    .bind("pending", NoticeState.PENDING.code())
                    .bind("token", token)
                    .map((rs, ctx) -> read(rs))
                    .list();
        });
    }

    /**
     * Records an attempt and its consequence: delivered, failed for good, or due again at
     * {@code nextAttemptAt}. Only the holder of the lease may settle it.
     */
    @Override
    public boolean recordAttempt(Entry n, String token, Attempt attempt, NoticeState newState,
            LocalDateTime nextAttemptAt) {
        return jdbi.inTransaction(h -> {
            int updated = h.createUpdate("""
                            UPDATE notifications SET attempts = attempts + 1, state = :state, next_attempt_at = :next,
                                lease_token = NULL, lease_until = NULL,
                                settled_at = CASE WHEN :state = :pending THEN NULL ELSE :at END
                            WHERE id = :id AND lease_token = :token""")
                    .bind("state", newState.code())
                    .bind("pending", NoticeState.PENDING.code())
                    .bind("next", nextAttemptAt)
                    .bind("at", attempt.attemptedAt())
                    .bind("id", n.id())
                    .bind("token", token)
                    .execute();
            h.createUpdate("""
                            INSERT INTO notification_attempts (notification_id, attempted_at, http_status, answer, error, latency_ms)
                            VALUES (:notificationId, :attemptedAt, :httpStatus, :answer, :error, :latencyMs)""")
                    .bindMethods(attempt)
                    .execute();
            return updated == 1;
        });
    }

    /** The newest notices, in one state or (state null) all. */
    public List<Entry> list(NoticeState state, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM notifications WHERE (:state IS NULL OR state = :state)
                        ORDER BY id DESC LIMIT :limit""")
                .bind("state", state == null ? null : state.code())
                .bind("limit", limit)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    /** How many notifications are in a state. */
    public long count(NoticeState state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM notifications WHERE state = :state")
                .bind("state", state.code())
                .mapTo(Long.class)
                .one());
    }

    @Override
    public Optional<Entry> bySyssn(String syssn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notifications WHERE syssn = :syssn")
                .bind("syssn", syssn)
                .map((rs, ctx) -> read(rs))
                .findOne());
    }

    @Override
    public List<Attempt> attempts(long notificationId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM notification_attempts WHERE notification_id = :id ORDER BY id")
                .bind("id", notificationId)
                .map((rs, ctx) -> new Attempt(rs.getLong("notification_id"), time(rs.getTimestamp("attempted_at")),
                        (Integer) rs.getObject("http_status", Integer.class), rs.getString("answer"),
                        rs.getString("error"), rs.getLong("latency_ms")))
                .list());
    }

    /** Puts failed notifications (one, or all when id is null) back in line, due now, with a fresh schedule. */
    @Override
    public int resend(Long id, LocalDateTime now) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE notifications SET state = :pending, attempts = 0, next_attempt_at = :now,
                            lease_token = NULL, lease_until = NULL, settled_at = NULL
                        WHERE state = :failed AND (:id IS NULL OR id = :id)""")
                .bind("pending", NoticeState.PENDING.code())
                .bind("failed", NoticeState.FAILED.code())
                .bind("now", now)
                .bind("id", id)
                .execute());
    }

    private static Entry read(ResultSet rs) throws SQLException {
        return new Entry(rs.getLong("id"), rs.getString("syssn"), rs.getLong("app_id"), rs.getString("notify_type"),
                rs.getString("url"), rs.getString("body"), state(rs.getString("state")), rs.getInt("attempts"),
                time(rs.getTimestamp("next_attempt_at")), time(rs.getTimestamp("created_at")),
                time(rs.getTimestamp("settled_at")));
    }

    private static NoticeState state(String code) {
        return NoticeState.ofCode(code).orElseThrow(() -> new IllegalStateException("unknown notification state " + code));
    }

    private static LocalDateTime time(java.sql.Timestamp ts) {
        return ts == null ? null : ts.toLocalDateTime();
    }
}
