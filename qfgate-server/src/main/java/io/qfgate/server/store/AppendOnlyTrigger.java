package io.qfgate.server.store;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/** On H2, refuses every UPDATE and DELETE of the table it guards (the audit log, {@link V20__AuditLog}). */
public final class AppendOnlyTrigger implements Trigger {
    @Override
    public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
        throw new SQLException("the audit log is append-only", "P0001");
    }
}
