package io.qfgate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The database alone, without the gateway: {@code concurrency} clients, each with its own
 * connection in autocommit, run one prepared statement over and over. Closed loop when
 * {@code rate} is 0, else open loop at {@code rate} per second (latency from when each run was
 * due, as for the gateway). The limit rows are made of it.
 */
final class JdbcLoop {
    private JdbcLoop() {}

    /** One run of the statement: binds its parameters and throws when it did not do its job. */
    @FunctionalInterface
    interface Step {
        void run(PreparedStatement statement) throws SQLException;
    }

    static Load.Outcome run(String jdbcUrl, String sql, Step step, int concurrency, double rate, Load.Budget warmup,
            Load.Budget measured, Wal.Position wal) throws SQLException, InterruptedException {
        List<Connection> connections = new ArrayList<>();
        List<PreparedStatement> statements = new ArrayList<>();
        try {
            for (int i = 0; i < concurrency; i++) {
                Connection c = DriverManager.getConnection(jdbcUrl);
                c.setAutoCommit(true);
                connections.add(c);
                statements.add(c.prepareStatement(sql));
            }
            Load.Op op = client -> {
                long t0 = System.nanoTime();
                step.run(statements.get(client));
                return System.nanoTime() - t0;
            };
            return rate > 0
                    ? Load.atRate(concurrency, rate, warmup, measured, op, wal)
                    : Load.run(concurrency, warmup, measured, op, wal);
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }
}
