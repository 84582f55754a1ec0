package io.qfgate.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How much write-ahead log the database server wrote per operation of a measured phase
 * (PostgreSQL only). Every commit waits for its WAL to reach the disk, so bytes per operation are
 * what the disk has to take for each, beside the CPU table's time.
 */
final class Wal {
    /** The server's WAL position in bytes; null when there is none to read. */
    @FunctionalInterface
    interface Position {
        Long read();
    }

    /** For H2, and wherever the position is not wanted. */
    static final Position NONE = () -> null;

    private Wal() {}

    /** The WAL insert position of the PostgreSQL server at {@code jdbcUrl}; the same for every database on it. */
    static Position postgres(String jdbcUrl) {
        return () -> {
            try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint")) {
                rs.next();
                return rs.getLong(1);
            } catch (SQLException unreadable) {
                return null; // the row then shows no WAL figure; the measurement itself stands
            }
        };
    }

    /** Bytes per operation between two positions; NaN when either is missing or nothing was done. */
    static double bytesPerOp(Long before, Long after, long ops) {
        if (before == null || after == null || ops <= 0 || after < before) {
            return Double.NaN;
        }
        return (double) (after - before) / ops;
    }
}
