package io.qfgate.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The databases storage tests run on: H2 always, PostgreSQL when {@code QFGATE_TEST_PG_URL} names
 * a server (CI sets it). Each call makes a new, empty database so tests never share rows.
 */
public final class TestDatabases {
    public static final String H2 = "h2";
    public static final String POSTGRESQL = "postgresql";

    private TestDatabases() {}

    /** The kinds to run on here; parameterized test classes take their source from this. */
    public static List<String> kinds() {
        List<String> kinds = new ArrayList<>(List.of(H2));
        if (pgUrl() != null) {
            kinds.add(POSTGRESQL);
        }
        return kinds;
    }

    public static String fresh(String kind) {
        return switch (kind) {
            case H2 -> "jdbc:h2:mem:qfgate_" + UUID.randomUUID().toString().replace("-", "")
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
            case POSTGRESQL -> freshPostgres();
            default -> throw new IllegalArgumentException(kind);
        };
    }

    private static String pgUrl() {
        String url = System.getenv("QFGATE_TEST_PG_URL");
        return url == null || url.isBlank() ? null : url;
    }

    /** A new database on the test server, dropped when the test JVM exits. */
    private static String freshPostgres() {
        String admin = pgUrl();
        String name = "qfgate_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create a test database on " + admin, e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try (Connection c = DriverManager.getConnection(admin); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            } catch (SQLException ignored) {
                // Best effort: a leftover test database is harmless.
            }
        }));
        // Same server and parameters, other database: replace the path of the admin URL.
        return admin.replaceFirst("(jdbc:postgresql://[^/?]+)/[^?]*", "$1/" + name);
    }
}
