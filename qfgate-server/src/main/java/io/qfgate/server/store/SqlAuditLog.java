package io.qfgate.server.store;

import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.ConsoleStores;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/** The append-only {@code audit_log}: this class only inserts and reads (and a trigger refuses the rest). */
public final class SqlAuditLog implements ConsoleStores.AuditLog {
    private static final int MAX_DETAIL = 512;

    private final Jdbi jdbi;

    public SqlAuditLog(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void append(AuditEntry e) {
        String detail = e.detail() == null || e.detail().length() <= MAX_DETAIL ? e.detail()
                : e.detail().substring(0, MAX_DETAIL);
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (happened_at, console, account_id, username, action, detail, ip)
                        VALUES (:at, :console, :accountId, :username, :action, :detail, :ip)""")
                .bind("at", e.at())
                .bind("console", e.kind().dbName())
                .bind("accountId", e.accountId())
                .bind("username", e.username())
                .bind("action", e.action().dbName())
                .bind("detail", detail)
                .bind("ip", e.ip())
                .execute());
    }

    /** A row with its id, the key the log is paged by. */
    public record Row(long id, AuditEntry entry) {}

    /** Which rows to read: each filter is optional (null); {@code beforeId} continues a page. */
    public record Query(String username, AuditAction action, LocalDateTime from, LocalDateTime until, Long beforeId,
            int limit) {}

    /** The newest rows first. */
    public List<AuditEntry> newest(int limit) {
        return page(new Query(null, null, null, null, null, limit)).stream().map(Row::entry).toList();
    }

    /** Rows matching the query, newest first, paged by id (so new rows never shift a page). */
    public List<Row> page(Query q) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_log WHERE 1 = 1");
        if (q.username() != null) {
            sql.append(" AND username = :username");
        }
        if (q.action() != null) {
            sql.append(" AND action = :action");
        }
        if (q.from() != null) {
            sql.append(" AND happened_at >= :from");
        }
        if (q.until() != null) {
            sql.append(" AND happened_at < :until");
        }
        if (q.beforeId() != null) {
            sql.append(" AND id < :beforeId");
        }
        sql.append(" ORDER BY id DESC LIMIT :limit");
        return jdbi.withHandle(h -> h.createQuery(sql.toString())
                .configure(SqlStatements.class, c -> c.setUnusedBindingAllowed(true)) // the filters left out
                .bind("username", q.username())
                .bind("action", q.action() == null ? null : q.action().dbName())
                .bind("from", q.from())
                .bind("until", q.until())
                .bind("beforeId", q.beforeId())
                .bind("limit", q.limit())
                .map((rs, ctx) -> new Row(rs.getLong("id"), new AuditEntry(rs.getObject("happened_at", LocalDateTime.class),
                        ConsoleKind.fromDb(rs.getString("console")), rs.getObject("account_id", Long.class),
                        rs.getString("username"), AuditAction.fromDb(rs.getString("action")), rs.getString("detail"),
                        rs.getString("ip"))))
                .list());
    }
}
