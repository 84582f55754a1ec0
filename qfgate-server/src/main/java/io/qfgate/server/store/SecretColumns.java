package io.qfgate.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/**
 * Every column that holds a secret, and the passes over all of their cells: encrypt the plaintext
 * ones (V10), check that the master key opens them (each start), re-encrypt them under a new
 * primary key (rotation). A cell's name, the associated data it is sealed with, is
 * {@code <table>.<column>:<row>}, the row named by a value that never changes.
 */
public final class SecretColumns {
    /** One secret column; {@code rowName} names the row in the cell name, {@code id} finds it to update. */
    record Column(String table, String column, String rowName, String id) {
        String cell(Object row) {
            return table + "." + column + ":" + row;
        }
    }

    static final Column CLIENT_KEY = new Column("apps", "client_key", "app_code", "id");
    static final Column ALIPAY_MD5_KEY = new Column("alipay_settings", "md5_key", "id", "id");
    static final Column ALIPAY_RSA_PRIVATE_KEY = new Column("alipay_settings", "rsa_private_key", "id", "id");
    static final List<Column> ALL = List.of(CLIENT_KEY, ALIPAY_MD5_KEY, ALIPAY_RSA_PRIVATE_KEY);

    private SecretColumns() {}

    /** What to store instead of a cell's value: the same value leaves the cell as it is. */
    @FunctionalInterface
    interface Rewrite {
        String apply(String stored, String cell);
    }

    /** Encrypts the cells still in plaintext; the ones already sealed stay as they are. */
    static int encryptPlaintext(Connection c, Secrets secrets) throws SQLException {
        return rewriteAll(c, (stored, cell) -> Secrets.isSealed(stored) ? stored : secrets.seal(stored, cell));
    }

    /** Opens every cell, so that a wrong master key fails at start and not on some later request. */
    static void checkAll(Connection c, Secrets secrets) throws SQLException {
        rewriteAll(c, (stored, cell) -> {
            secrets.open(stored, cell);
            return stored;
        });
    }

    /**
     * Re-encrypts every cell under the primary key of {@code secrets} (which must still hold the
     * keys that sealed them), in one transaction: either every secret moves to the new key or none.
     */
    public static int reencryptAll(Database database, Secrets secrets) {
        try {
            return database.jdbi().inTransaction(h ->
                    rewriteAll(h.getConnection(), (stored, cell) -> secrets.seal(secrets.open(stored, cell), cell)));
        } catch (SQLException e) {
            throw new IllegalStateException("cannot re-encrypt the stored secrets", e);
        }
    }

    /** Applies {@code rewrite} to every non-null secret cell; returns how many cells changed. */
    private static int rewriteAll(Connection c, Rewrite rewrite) throws SQLException {
        int changed = 0;
        for (Column col : ALL) {
            String select = "SELECT " + col.id() + ", " + col.rowName() + ", " + col.column() + " FROM " + col.table()
                    + " WHERE " + col.column() + " IS NOT NULL";
            String update = "UPDATE " + col.table() + " SET " + col.column() + " = ? WHERE " + col.id() + " = ?";
            try (PreparedStatement read = c.prepareStatement(select); ResultSet rs = read.executeQuery();
                    PreparedStatement write = c.prepareStatement(update)) {
                while (rs.next()) {
                    String stored = rs.getString(3);
                    String next = rewrite.apply(stored, col.cell(rs.getString(2)));
                    if (!next.equals(stored)) {
                        write.setString(1, next);
                        write.setLong(2, rs.getLong(1));
                        write.executeUpdate();
                        changed++;
                    }
                }
            }
        }
        return changed;
    }
}
