package io.qfgate.server.store;

import java.time.LocalDateTime;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The {@code nodes} heartbeat table: each running gateway's row, rewritten every few seconds. */
public final class SqlNodes {
    /** A gateway process as its heartbeat last described it. */
    public record Node(String nodeId, String host, String version, LocalDateTime startedAt, LocalDateTime lastSeenAt) {}

    private final Jdbi jdbi;

    public SqlNodes(Database database) {
        this.jdbi = database.jdbi();
    }

    /** Writes this node's row; only this node writes it, so an update then an insert cannot race. */
    public void beat(Node node) {
        jdbi.useTransaction(h -> {
            int updated = h.createUpdate("UPDATE nodes SET last_seen_at = :lastSeenAt WHERE node_id = :nodeId")
                    .bindMethods(node).execute();
            if (updated == 0) {
                h.createUpdate("""
                        INSERT INTO nodes (node_id, host, version, started_at, last_seen_at)
                        VALUES (:nodeId, :host, :version, :startedAt, :lastSeenAt)""")
                        .bindMethods(node).execute();
            }
        });
    }

    /** The nodes seen since {@code since}, the most recently seen first. */
    public List<Node> seenSince(LocalDateTime since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM nodes WHERE last_seen_at >= :since ORDER BY last_seen_at DESC, node_id")
                .bind("since", since)
                .map((rs, ctx) -> new Node(rs.getString("node_id"), rs.getString("host"), rs.getString("version"),
                        rs.getObject("started_at", LocalDateTime.class), rs.getObject("last_seen_at", LocalDateTime.class)))
                .list());
    }
}
