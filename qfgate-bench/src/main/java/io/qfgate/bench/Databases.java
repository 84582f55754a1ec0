package io.qfgate.bench;

import io.qfgate.server.store.Database;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/** The database a run uses: embedded H2 in the run's data folder, or a fresh PostgreSQL database. */
sealed interface Databases extends AutoCloseable {
    /** What {@code serve --db} gets; null for the embedded H2. */
    String gatewayUrl();

    /**
     * A JDBC URL the bench itself opens. PostgreSQL's at any time; H2's (the gateway's own URL, the
     * file embedded, no AUTO_SERVER) only while no gateway runs on the data folder, since one process
     * at a time may open it: the bench lifts the rate limit through the gateway's admin channel and
     * seeds and measures the limits with the gateway stopped.
     */
    String jdbcUrl();

    String kind();

    @Override
    void close() throws SQLException;

    /** Opens a JDBC connection with the password-less defaults the gateway uses. */
    default Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl());
    }

    /** Where the database server's WAL stands, for the bytes each operation wrote; none for H2. */
    default Wal.Position wal() {
        return Wal.NONE;
    }

    /** Version and the settings that decide what "durable" means here; for H2, with the gateway stopped. */
    String describe() throws SQLException;

    static Databases h2(Path dataDir) {
        return new H2(dataDir);
    }

    /** Creates a fresh database next to the one {@code adminUrl} names (e.g. {@code postgres}); dropped by close. */
    static Databases postgresql(String adminUrl) throws SQLException {
        String name = "qfgate_bench_" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss")) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0x10000));
        try (Connection c = DriverManager.getConnection(withUser(adminUrl)); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        return new Postgres(adminUrl, name);
    }

    /** The gateway's own default: user postgres when the URL names none. */
    static String withUser(String url) {
        return url.contains("user=") ? url : url + (url.contains("?") ? "&" : "?") + "user=postgres";
    }

    record H2(Path dataDir) implements Databases {
        @Override
        public String gatewayUrl() {
            return null;
        }

        @Override
        public String jdbcUrl() {
            return Database.h2Url(dataDir);
        }

        @Override
        public String kind() {
            return "h2";
        }

        @Override
        public String describe() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT H2VERSION()")) {
                rs.next();
                String url = jdbcUrl();
                return "H2 " + rs.getString(1) + ", embedded in the gateway, file mode, settings `"
                        + url.substring(url.indexOf(';') + 1) + "`";
            }
        }

        @Override
        public void close() {
            // The data folder is deleted with the run's temporary folder.
        }
    }

    record Postgres(String adminUrl, String name) implements Databases {
        @Override
        public String gatewayUrl() {
            return jdbcUrl();
        }

        @Override
        public String jdbcUrl() {
            URI u = URI.create(adminUrl.substring("jdbc:".length()));
            return withUser("jdbc:" + u.getScheme() + "://" + u.getRawAuthority() + "/" + name
                    + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        }

        @Override
        public String kind() {
            return "postgresql";
        }

        @Override
        public Wal.Position wal() {
            return Wal.postgres(jdbcUrl());
        }

        /** host, port, user and database, for pgbench. */
        Map<String, String> libpq() {
            URI u = URI.create(adminUrl.substring("jdbc:".length()));
            Map<String, String> p = new LinkedHashMap<>();
            p.put("host", u.getHost() == null ? "127.0.0.1" : u.getHost());
            p.put("port", Integer.toString(u.getPort() == -1 ? 5432 : u.getPort()));
            String user = "postgres";
            if (u.getRawQuery() != null) {
                for (String kv : u.getRawQuery().split("&")) {
                    if (kv.startsWith("user=")) {
                        user = kv.substring(5);
                    }
                }
            }
            p.put("user", user);
            p.put("dbname", name);
            return p;
        }

        @Override
        public String describe() throws SQLException {
            try (Connection c = connect(); Statement s = c.createStatement()) {
                StringBuilder d = new StringBuilder();
                try (ResultSet rs = s.executeQuery("SHOW server_version")) {
                    rs.next();
                    d.append("PostgreSQL ").append(rs.getString(1));
                }
                d.append(" on ").append(libpq().get("host")).append(':').append(libpq().get("port"));
                for (String setting : new String[] {"fsync", "synchronous_commit", "shared_buffers"}) {
                    try (ResultSet rs = s.executeQuery("SHOW " + setting)) {
                        rs.next();
                        d.append(", ").append(setting).append('=').append(rs.getString(1));
                    }
                }
                return d.toString();
            }
        }

        @Override
        public void close() throws SQLException {
            try (Connection c = DriverManager.getConnection(withUser(adminUrl)); Statement s = c.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
        }
    }
}
