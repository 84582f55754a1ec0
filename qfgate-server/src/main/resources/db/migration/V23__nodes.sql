-- The operators' console lists the audit log by actor.
CREATE INDEX audit_log_actor ON audit_log (username, id);

-- One row per running gateway process; each rewrites last_seen_at every few seconds, and the
-- console lists those seen lately.
CREATE TABLE nodes (
    node_id      VARCHAR(36)  PRIMARY KEY,
    host         VARCHAR(255) NOT NULL,
    version      VARCHAR(64)  NOT NULL,
    started_at   TIMESTAMP    NOT NULL,
    last_seen_at TIMESTAMP    NOT NULL
);
CREATE INDEX nodes_last_seen ON nodes (last_seen_at);
