package io.qfgate.server.store;

import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.PortalDevelopers;
import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** An app's newest notices with their latest attempt, for the portal; always scoped to one app. */
public final class SqlDeliveries {
    private final Jdbi jdbi;

    public SqlDeliveries(Database database) {
        this.jdbi = database.jdbi();
    }

    public List<PortalDevelopers.Delivery> newest(long appId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT n.id, n.syssn, n.notify_type, n.url, n.state, n.attempts, n.created_at,
                               a.attempted_at, a.http_status, a.error, a.latency_ms
                        FROM notifications n
                        LEFT JOIN notification_attempts a ON a.id =
                            (SELECT MAX(l.id) FROM notification_attempts l WHERE l.notification_id = n.id)
                        WHERE n.app_id = :app
                        ORDER BY n.id DESC
                        LIMIT :limit""")
                .bind("app", appId)
                .bind("limit", limit)
                .map((rs, ctx) -> new PortalDevelopers.Delivery(rs.getLong("id"), rs.getString("syssn"),
                        rs.getString("notify_type"), rs.getString("url"), NoticeState.ofCode(rs.getString("state")).orElseThrow(),
                        rs.getInt("attempts"), rs.getObject("created_at", LocalDateTime.class),
                        rs.getObject("attempted_at", LocalDateTime.class), rs.getObject("http_status", Integer.class),
                        rs.getString("error"), rs.getObject("latency_ms", Long.class)))
                .list());
    }
}
