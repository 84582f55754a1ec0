package io.qfgate.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/**
 * Owners manage their staff in the portal: a portal user can be disabled (kept, for the audit
 * log's sake, but unable to sign in), and the audit log learns the portal's new actions. Java,
 * not SQL, because the audit log's CHECK on {@code action} was made without a name, and H2 names
 * such constraints itself: the migration finds it in the information schema.
 */
final class V22__PortalStaff extends BaseJavaMigration {
    static final String ACTIONS = "'sign_in', 'sign_out', 'sign_in_failed', 'locked_out', 'account_created',"
            + " 'user_changed', 'user_disabled', 'user_enabled', 'key_rotated', 'test_notice'";

    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE portal_users ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL");
            for (String name : actionChecks(c)) {
                s.execute("ALTER TABLE audit_log DROP CONSTRAINT " + s.enquoteIdentifier(name, true));
            }
            s.execute("ALTER TABLE audit_log ADD CONSTRAINT audit_log_action CHECK (action IN (" + ACTIONS + "))");
        }
    }

    private static List<String> actionChecks(Connection c) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("""
                SELECT cc.constraint_name
                FROM information_schema.check_constraints cc
                JOIN information_schema.constraint_column_usage u
                  ON u.constraint_schema = cc.constraint_schema AND u.constraint_name = cc.constraint_name
                WHERE LOWER(u.table_name) = 'audit_log' AND LOWER(u.column_name) = 'action'""")) {
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }
}
