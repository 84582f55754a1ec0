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
 * For the portal's transaction pages. They write refunds, closes, notes and resent notifications
 * to the audit log, so its action CHECK allows them; Java, not SQL, because the old constraint has
 * no name of its own (each database named it differently) and is found by its column.
 *
 * <p>Their search matches {@code syssn}, {@code out_trade_no} or {@code udid}: the first two have
 * indexes, and with one on {@code (merchant_id, udid)} PostgreSQL answers with a BitmapOr of the
 * three (0.5 ms on 300,000 rows) instead of reading the whole table (185 ms).
 */
final class V21__PortalTransactionActions extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<String> names = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT tc.constraint_name FROM information_schema.table_constraints tc
                JOIN information_schema.constraint_column_usage u
                  ON u.constraint_schema = tc.constraint_schema AND u.constraint_name = tc.constraint_name
                WHERE tc.constraint_type = 'CHECK' AND LOWER(u.table_name) = 'audit_log'
                  AND LOWER(u.column_name) = 'action'""")) {
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        try (Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("ALTER TABLE audit_log DROP CONSTRAINT \"" + name + "\"");
            }
            s.execute("""
                    ALTER TABLE audit_log ADD CONSTRAINT audit_log_action CHECK (action IN ('sign_in', 'sign_out',
                        'sign_in_failed', 'locked_out', 'account_created', 'refund', 'order_closed', 'note_set',
                        'notice_resent'))""");
            s.execute("CREATE INDEX transactions_merchant_udid ON transactions (merchant_id, udid)");
        }
    }
}
