package io.qfgate.server.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * The operators' console: the audit log's new actions (an operator's changes to merchants, the
 * Alipay account and notifications), and the {@code nodes} every running gateway writes a
 * heartbeat to. Java, not SQL, because the action CHECK was declared inline and its generated
 * name differs between H2 and PostgreSQL: it is found by its clause.
 */
final class V23__OperatorConsole extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            for (String name : actionChecks(s)) {
                s.execute("ALTER TABLE audit_log DROP CONSTRAINT " + name);
            }
            s.execute("""
                    ALTER TABLE audit_log ADD CONSTRAINT audit_log_action CHECK (action IN ('sign_in', 'sign_out',
                        'sign_in_failed', 'locked_out', 'account_created', 'merchant_created', 'merchant_changed',
                        'app_enabled', 'app_disabled', 'alipay_set', 'alipay_reset', 'notices_resent'))""");
            s.execute("CREATE INDEX audit_log_actor ON audit_log (username, id)");
            // One row per running gateway process; each rewrites last_seen_at every few seconds.
            s.execute("""
                    CREATE TABLE nodes (
                        node_id      VARCHAR(36)  PRIMARY KEY,
                        host         VARCHAR(255) NOT NULL,
                        version      VARCHAR(64)  NOT NULL,
                        started_at   TIMESTAMP    NOT NULL,
                        last_seen_at TIMESTAMP    NOT NULL
                    )""");
            s.execute("CREATE INDEX nodes_last_seen ON nodes (last_seen_at)");
        }
    }

    private static List<String> actionChecks(Statement s) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("""
                SELECT cc.constraint_name
                FROM information_schema.check_constraints cc
                JOIN information_schema.constraint_column_usage u
                  ON u.constraint_schema = cc.constraint_schema AND u.constraint_name = cc.constraint_name
                WHERE LOWER(u.table_name) = 'audit_log' AND LOWER(u.column_name) = 'action'""")) {
            while (rs.next()) {
                names.add('"' + rs.getString(1) + '"');
            }
        }
        return names;
    }
}
