package io.qfgate.bench;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The database's own limit for what a query by syssn needs at least: the row by its syssn
 * ({@code SELECT * FROM transactions WHERE syssn = ?}) from the seeded table, every column read.
 * The gateway's statement also names the merchant (tenant isolation) and orders and pages the
 * answer; on one row that adds little for the database.
 */
final class SelectLimit {
    private SelectLimit() {}

    static Load.Outcome jdbc(String jdbcUrl, Seeder seeded, int concurrency, double rate, Load.Budget warmup,
            Load.Budget measured, Wal.Position wal) throws SQLException, InterruptedException {
        return JdbcLoop.run(jdbcUrl, "SELECT * FROM transactions WHERE syssn = ?", select -> {
            String syssn = seeded.syssn(ThreadLocalRandom.current().nextLong(1, seeded.rows + 1));
            select.setString(1, syssn);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no transaction " + syssn);
                }
                for (int column = 1, columns = rs.getMetaData().getColumnCount(); column <= columns; column++) {
                    rs.getObject(column);
                }
                if (rs.next()) {
                    throw new IllegalStateException("more than one transaction " + syssn);
                }
            }
        }, concurrency, rate, warmup, measured, wal);
    }
}
