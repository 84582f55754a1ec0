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
 * A transaction's merchant must be a merchant of its app: one foreign key on
 * {@code (merchant_id, app_id)} to {@code merchants (id, app_id)} in place of the two on
 * {@code app_id} and {@code merchant_id} alone. The database now holds tenant isolation for every
 * row (no transaction can pair one app with another app's merchant), and a new order costs one
 * key check instead of two: each check locks its parent row, and every order shares the same
 * parent rows, so under load each check also made a multixact and a WAL record
 * (docs/performance.md, sixth round). The app still must exist: {@code merchants.app_id}
 * references it.
 *
 * <p>Java, not SQL, because the two keys were declared inline and their names are the database's
 * own: {@code transactions_app_id_fkey} on PostgreSQL, generated ones on H2.
 */
final class V7__TransactionsReferenceTheirAppsMerchant extends BaseJavaMigration {
    @Override
    public void migrate(Context context) throws SQLException {
        Connection c = context.getConnection();
        List<String> inlineKeys = new ArrayList<>();
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT constraint_name FROM information_schema.table_constraints"
                        + " WHERE LOWER(table_name) = 'transactions' AND constraint_type = 'FOREIGN KEY'")) {
            while (rs.next()) {
                inlineKeys.add(rs.getString(1));
            }
        }
        if (inlineKeys.size() != 2) {
            throw new IllegalStateException("expected the two foreign keys of V1 on transactions, found " + inlineKeys);
        }
        try (Statement s = c.createStatement()) {
            s.execute("ALTER TABLE merchants ADD CONSTRAINT merchants_id_app UNIQUE (id, app_id)");
            s.execute("ALTER TABLE transactions ADD CONSTRAINT transactions_merchant_of_app"
                    + " FOREIGN KEY (merchant_id, app_id) REFERENCES merchants (id, app_id)");
            for (String name : inlineKeys) {
                s.execute("ALTER TABLE transactions DROP CONSTRAINT \"" + name.replace("\"", "\"\"") + "\"");
            }
        }
    }
}
