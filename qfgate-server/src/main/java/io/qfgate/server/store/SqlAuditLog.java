package io.qfgate.server.store;

import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.ConsoleStores;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

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

    /** The newest rows first. */
    public List<AuditEntry> newest(int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new AuditEntry(rs.getObject("happened_at", LocalDateTime.class),
                        ConsoleKind.fromDb(rs.getString("console")), rs.getObject("account_id", Long.class),
                        rs.getString("username"), AuditAction.fromDb(rs.getString("action")), rs.getString("detail"),
                        rs.getString("ip")))
                .list());
    }
}
