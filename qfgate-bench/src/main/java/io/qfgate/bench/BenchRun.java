package io.qfgate.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** One database: a fresh gateway, the scenarios against it, then the database's own limits. */
final class BenchRun {
    static final String PING = "ping (GET /ping)";
    static final String CREATE = "create";
    static final String CREATE_HALF = "create at half load (open loop)";
    static final String REPLAY = "replay";
    static final String JOURNEY = "journey (create→notified)";
    static final String QUERY_SYSSN = "query by syssn";
    static final String QUERY_SYSSN_HALF = "query by syssn at half load (open loop)";
    static final String QUERY_RANGE = "query by time range";
    static final String INSERT_JDBC = "limit: insert (JDBC)";
    static final String INSERT_PGBENCH = "limit: insert (pgbench)";
    static final String INSERT_JDBC_HALF = "limit: insert (JDBC) at create's half load (open loop)";
    static final String SELECT_JDBC = "limit: select by syssn (JDBC)";
    static final String SELECT_JDBC_HALF = "limit: select by syssn (JDBC) at query's half load (open loop)";

    /** Far above what any scenario sends, so that the gateway's per-app limit never answers 429. */
    private static final int LIFTED_RATE = 1_000_000_000;

    /** What a run found; {@code rows} in table order. */
    record Result(String db, String dbDescription, Duration startup, Long startRssKb, boolean peakPerRow,
            long seededRows, Duration seeding, List<Row> rows, String gatewayLog, String loadBefore) {
        Row row(String scenario) {
            return rows.stream().filter(r -> r.scenario().equals(scenario)).findFirst().orElse(null);
        }
    }

    private BenchRun() {}

    static Result run(Settings s, String db, PrintStream progress) throws Exception {
        Path work = Files.createTempDirectory("qfgate-bench-" + db + "-");
        Path dataDir = work.resolve("data");
        Databases database = db.equals("h2") ? Databases.h2(dataDir) : Databases.postgresql(s.pgAdminUrl());
        try {
            return run(s, database, work, dataDir, progress);
        } finally {
            try {
                database.close();
            } finally {
                deleteTree(work);
            }
        }
    }

    private static Result run(Settings s, Databases database, Path work, Path dataDir, PrintStream progress)
            throws Exception {
        String db = database.kind();
        String loadBefore = Report.Machine.loadAverage();
        List<Row> rows = new ArrayList<>();
        String payUrl;
        Duration seeding = null;
        long seeded = 0;
        boolean peakPerRow = true;
        String description;
        Row create = null;
        Row bySyssn = null;
        Seeder seeder = null;
        progress.printf("[%s] starting a fresh gateway (%s)%n", db, database.gatewayUrl() == null ? "H2 in " + dataDir
                : database.gatewayUrl());
        GatewayProcess gateway = GatewayProcess.start(s.serverClasspath(), s.serverJavaOpts(), dataDir, database.gatewayUrl());
        // Interrupted (Ctrl-C): the gateway must not outlive the bench.
        Thread killGateway = new Thread(gateway.process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killGateway);
        Long startRss = gateway.rssKb();
        peakPerRow = gateway.resetPeak();
        progress.printf("[%s] gateway pid %d answered /healthz after %d ms%n", db, gateway.pid(), gateway.startup.toMillis());
        try (gateway; MerchantEndpoint merchant = new MerchantEndpoint(gateway.clientKey);
                HttpClient http = Scenarios.httpClient();
                Scenarios scenarios = new Scenarios(http, gateway.baseUrl(), gateway.appCode, gateway.clientKey,
                        s.concurrency())) {
            long[] ids;
            try (Connection c = database.connect()) {
                ids = demoMerchant(c, gateway.appCode);
                // Before any API call, so that the gateway's app cache loads the lifted limit.
                liftRateLimit(c, ids[0]);
                description = database.describe();
            }
            payUrl = scenarios.newPayUrl();

            rows.add(measure(s, gateway, PING, s.warmup(), s.measured(), scenarios.ping(), progress, database));
            if (s.runs("create")) {
                create = measure(s, gateway, CREATE, s.warmup(), s.measured(), scenarios.create(), progress, database);
                rows.add(create);
                rows.add(measureAtHalf(s, gateway, CREATE_HALF, create, scenarios.create(), progress, database));
            }
            if (s.runs("replay")) {
                rows.add(measure(s, gateway, REPLAY, s.warmup(), s.measured(), scenarios.replay(), progress, database));
            }
            if (s.runs("journey")) {
                rows.add(measure(s, gateway, JOURNEY, s.journeyWarmup(), s.journeyMeasured(), scenarios.journey(merchant),
                        progress, database));
            }
            if (s.runs("query")) {
                seeder = new Seeder(s.seedRows(), Seeder.lastMonth());
                progress.printf("[%s] seeding %,d transactions into %s (not measured)%n", db, s.seedRows(),
                        seeder.monthStart.toString().substring(0, 7));
                try (Connection c = database.connect()) {
                    seeding = seeder.seed(c, db, ids[0], ids[1], payUrl);
                    seeded = Seeder.count(c);
                }
                progress.printf("[%s] seeded %,d rows in %.1f s%n", db, seeded, seeding.toMillis() / 1000.0);
                bySyssn = measure(s, gateway, QUERY_SYSSN, s.warmup(), s.measured(), scenarios.queryBySyssn(seeder),
                        progress, database);
                rows.add(bySyssn);
                rows.add(measureAtHalf(s, gateway, QUERY_SYSSN_HALF, bySyssn, scenarios.queryBySyssn(seeder), progress, database));
                rows.add(measure(s, gateway, QUERY_RANGE, s.warmup(), s.measured(), scenarios.queryByRange(seeder),
                        progress, database));
            }
            progress.printf("[%s] stopping the gateway%n", db);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killGateway);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        String log = GatewayProcess.tail(gateway.log);

        // The limits, with the gateway stopped: for H2 the bench now opens the same database file
        // embedded, exactly as the gateway did; for PostgreSQL it connects to the same database.
        if (bySyssn != null) {
            progress.printf("[%s] %s: %d clients%n", db, SELECT_JDBC, s.concurrency());
            rows.add(Row.of(SELECT_JDBC, SelectLimit.jdbc(database.jdbcUrl(), seeder, s.concurrency(), 0, s.warmup(),
                    s.measured(), database.wal()), null));
            // The database's own tail at the rate of the gateway's half-load query row.
            double rate = bySyssn.throughput() / 2;
            progress.printf("[%s] %s: %,.0f/s due, %d clients%n", db, SELECT_JDBC_HALF, rate, s.concurrency());
            rows.add(Row.of(SELECT_JDBC_HALF, SelectLimit.jdbc(database.jdbcUrl(), seeder, s.concurrency(), rate,
                    s.warmup(), s.measured(), database.wal()), null));
        }
        try (Connection c = database.connect()) {
            InsertLimit.createTable(c);
            progress.printf("[%s] %s: %d clients%n", db, INSERT_JDBC, s.concurrency());
            rows.add(Row.of(INSERT_JDBC, InsertLimit.jdbc(database.jdbcUrl(), s.concurrency(), 0, s.warmup(), s.measured(),
                    payUrl, database.wal()), null));
            if (create != null) {
                // The database's own latency at the rate of the gateway's half-load row: how much of
                // that row's tail is the disk's.
                double rate = create.throughput() / 2;
                progress.printf("[%s] %s: %,.0f/s due, %d clients%n", db, INSERT_JDBC_HALF, rate, s.concurrency());
                rows.add(Row.of(INSERT_JDBC_HALF, InsertLimit.jdbc(database.jdbcUrl(), s.concurrency(), rate, s.warmup(),
                        s.measured(), payUrl, database.wal()), null));
            }
            if (database instanceof Databases.Postgres pg) {
                String pgbench = InsertLimit.pgbench();
                if (pgbench == null) {
                    progress.printf("[%s] no pgbench on the PATH: its row is left out%n", db);
                } else {
                    progress.printf("[%s] %s: %d clients%n", db, INSERT_PGBENCH, s.concurrency());
                    Duration d = s.measured().count() > 0 ? Duration.ofSeconds(2) : s.measured().duration();
                    rows.add(Row.of(INSERT_PGBENCH, InsertLimit.pgbench(pgbench, pg.libpq(), s.concurrency(), d, payUrl,
                            work, pg.wal()), null));
                }
            }
            InsertLimit.dropTable(c);
        }
        return new Result(db, description, gateway.startup, startRss, peakPerRow, seeded, seeding, rows, log, loadBefore);
    }

    private static Row measure(Settings s, GatewayProcess gateway, String name, Load.Budget warmup, Load.Budget measured,
            Load.Op op, PrintStream progress, Databases database) throws InterruptedException {
        String db = database.kind();
        progress.printf("[%s] %s: %d clients, warm-up %s, then %s%n", db, name, s.concurrency(), Settings.describe(warmup),
                Settings.describe(measured));
        gateway.resetPeak();
        Load.Outcome o = Load.run(s.concurrency(), warmup, measured, op, database.wal());
        Row row = Row.of(name, o, gateway.peakRssKb());
        report(progress, db, row);
        return row;
    }

    /**
     * The same operation open-loop at half the throughput its closed-loop row reached: the latency
     * a gateway gives when it has headroom, which is where it should run.
     */
    private static Row measureAtHalf(Settings s, GatewayProcess gateway, String name, Row closed, Load.Op op,
            PrintStream progress, Databases database) throws InterruptedException {
        String db = database.kind();
        double rate = closed.throughput() / 2;
        progress.printf("[%s] %s: %,.0f/s due, %d clients, warm-up %s, then %s%n", db, name, rate, s.concurrency(),
                Settings.describe(s.warmup()), Settings.describe(s.measured()));
        gateway.resetPeak();
        Load.Outcome o = Load.atRate(s.concurrency(), rate, s.warmup(), s.measured(), op, database.wal());
        Row row = Row.of(name, o, gateway.peakRssKb());
        report(progress, db, row);
        return row;
    }

    private static void report(PrintStream progress, String db, Row row) {
        progress.printf("[%s] %s: %,d requests, %d errors, %.1f/s, p50 %.2f ms, p99 %.2f ms%s%n", db, row.scenario(),
                row.requests(), row.errors(), row.throughput(), row.percentileMs(50), row.percentileMs(99),
                row.errorSamples().isEmpty() ? "" : " " + row.errorSamples());
    }

    /** The demo merchant app's id and its merchant's id. */
    private static long[] demoMerchant(Connection c, String appCode) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(
                "SELECT a.id, m.id FROM apps a JOIN merchants m ON m.app_id = a.id AND m.mchid IS NULL WHERE a.app_code = ?")) {
            q.setString(1, appCode);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no demo merchant for app " + appCode);
                }
                return new long[] {rs.getLong(1), rs.getLong(2)};
            }
        }
    }

    /**
     * QFPay's default per-app limit (100/s, 400/min) would answer 429 to a benchmark within a
     * second; the server's own tests lift it the same way. Read per request, so it applies at once.
     */
    private static void liftRateLimit(Connection c, long appId) throws SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE apps SET rate_per_second = ?, rate_per_minute = ? WHERE id = ?")) {
            u.setInt(1, LIFTED_RATE);
            u.setInt(2, LIFTED_RATE);
            u.setLong(3, appId);
            if (u.executeUpdate() != 1) {
                throw new IllegalStateException("could not lift the rate limit of app " + appId);
            }
        }
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
