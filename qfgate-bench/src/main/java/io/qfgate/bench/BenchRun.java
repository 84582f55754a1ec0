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

    /**
     * The highest limit the gateway accepts (per second and per minute), far above what any
     * scenario sends (a few thousand a second), so that the per-app limit never answers 429.
     */
    private static final int LIFTED_RATE = 1_000_000;

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

    /** What one run gathers as it goes; filled in by the helpers below, in order. */
    private static final class Tally {
        final Settings s;
        final Databases database;
        final Path dataDir;
        final PrintStream progress;
        final String db;
        final List<Row> rows = new ArrayList<>();
        Duration startup;
        Long startRss;
        boolean peakPerRow;
        String appCode;
        String payUrl;
        Row create;
        Row bySyssn;
        Seeder seeder;
        long seeded;
        Duration seeding;

        Tally(Settings s, Databases database, Path dataDir, PrintStream progress) {
            this.s = s;
            this.database = database;
            this.dataDir = dataDir;
            this.progress = progress;
            this.db = database.kind();
        }
    }

    private static Result run(Settings s, Databases database, Path work, Path dataDir, PrintStream progress)
            throws Exception {
        String loadBefore = Report.Machine.loadAverage();
        Tally t = new Tally(s, database, dataDir, progress);
        try (HttpClient http = Scenarios.httpClient()) {
            gatewayRows(t, http);
        }
        String log = GatewayProcess.tail(dataDir.resolve("gateway.log"));
        // The limits, with the gateway stopped: for H2 the bench now opens the same database file
        // embedded, exactly as the gateway did; for PostgreSQL it connects to the same database.
        String description = database.describe();
        selectLimits(t);
        insertLimits(t, work);
        return new Result(t.db, description, t.startup, t.startRss, t.peakPerRow, t.seeded, t.seeding, t.rows, log,
                loadBefore);
    }

    /**
     * The rows measured through the gateway. H2 is embedded: while a gateway runs, no other process
     * may open its database. So on H2 the bench seeds with the gateway stopped and serves the query
     * rows from a second gateway on the same folder; PostgreSQL takes the seeding while the one
     * gateway runs.
     */
    private static void gatewayRows(Tally t, HttpClient http) throws Exception {
        boolean query = t.s.runs("query");
        boolean seedWhileServing = !(t.database instanceof Databases.H2);
        try (GatewayProcess gateway = startGateway(t, true); Scenarios scenarios = scenarios(t, http, gateway)) {
            // Before any API call, so that the gateway's app cache loads the lifted limit.
            liftRateLimit(t, gateway);
            t.payUrl = scenarios.newPayUrl();
            paymentRows(t, gateway, scenarios);
            if (query && seedWhileServing) {
                seed(t);
                queryRows(t, gateway, scenarios);
            }
            t.progress.printf("[%s] stopping the gateway%n", t.db);
        }
        if (query && !seedWhileServing) {
            seed(t);
            try (GatewayProcess gateway = startGateway(t, false); Scenarios scenarios = scenarios(t, http, gateway)) {
                queryRows(t, gateway, scenarios);
                t.progress.printf("[%s] stopping the gateway%n", t.db);
            }
        }
    }

    /**
     * A gateway on the run's data folder. The first one makes the demo merchant, and its start-up
     * and resident memory are the run's; a later one (H2, after seeding) serves the same database.
     */
    private static GatewayProcess startGateway(Tally t, boolean first) throws Exception {
        t.progress.printf("[%s] starting %s gateway (%s)%n", t.db, first ? "a fresh" : "again the",
                t.database.gatewayUrl() == null ? "H2 in " + t.dataDir : t.database.gatewayUrl());
        GatewayProcess gateway = GatewayProcess.start(t.s.serverClasspath(), t.s.serverJavaOpts(), t.dataDir,
                t.database.gatewayUrl());
        boolean peakResets = gateway.resetPeak();
        if (first) {
            t.startup = gateway.startup;
            t.startRss = gateway.rssKb();
            t.peakPerRow = peakResets;
            t.appCode = gateway.appCode;
        } else {
            t.peakPerRow &= peakResets;
        }
        t.progress.printf("[%s] gateway pid %d answered /healthz after %d ms%n", t.db, gateway.pid(),
                gateway.startup.toMillis());
        return gateway;
    }

    private static Scenarios scenarios(Tally t, HttpClient http, GatewayProcess gateway) {
        return new Scenarios(http, gateway.baseUrl(), gateway.appCode, gateway.clientKey,
                t.s.concurrency());
    }

    /** /ping, then the create, replay and journey rows the settings name. */
    private static void paymentRows(Tally t, GatewayProcess gateway, Scenarios scenarios) throws Exception {
        Settings s = t.s;
        t.rows.add(measure(s, gateway, PING, s.warmup(), s.measured(), scenarios.ping(), t.progress, t.database));
        if (s.runs("create")) {
            t.create = measure(s, gateway, CREATE, s.warmup(), s.measured(), scenarios.create(), t.progress, t.database);
            t.rows.add(t.create);
            t.rows.add(measureAtHalf(s, gateway, CREATE_HALF, t.create, scenarios.create(), t.progress, t.database));
        }
        if (s.runs("replay")) {
            t.rows.add(measure(s, gateway, REPLAY, s.warmup(), s.measured(), scenarios.replay(), t.progress, t.database));
        }
        if (s.runs("journey")) {
            try (MerchantEndpoint merchant = new MerchantEndpoint(gateway.clientKey)) {
                t.rows.add(measure(s, gateway, JOURNEY, s.journeyWarmup(), s.journeyMeasured(), scenarios.journey(merchant),
                        t.progress, t.database));
            }
        }
    }

    /** Seeds the query rows' transactions for the demo merchant (not measured). */
    private static void seed(Tally t) throws SQLException {
        t.seeder = new Seeder(t.s.seedRows(), Seeder.lastMonth());
        t.progress.printf("[%s] seeding %,d transactions into %s (not measured)%n", t.db, t.s.seedRows(),
                t.seeder.monthStart.toString().substring(0, 7));
        try (Connection c = t.database.connect()) {
            long[] ids = demoMerchant(c, t.appCode);
            t.seeding = t.seeder.seed(c, t.db, ids[0], ids[1], t.payUrl);
            t.seeded = Seeder.count(c);
        }
        t.progress.printf("[%s] seeded %,d rows in %.1f s%n", t.db, t.seeded, t.seeding.toMillis() / 1000.0);
    }

    /** The query rows, on the seeded table. */
    private static void queryRows(Tally t, GatewayProcess gateway, Scenarios scenarios) throws InterruptedException {
        Settings s = t.s;
        t.bySyssn = measure(s, gateway, QUERY_SYSSN, s.warmup(), s.measured(), scenarios.queryBySyssn(t.seeder),
                t.progress, t.database);
        t.rows.add(t.bySyssn);
        t.rows.add(measureAtHalf(s, gateway, QUERY_SYSSN_HALF, t.bySyssn, scenarios.queryBySyssn(t.seeder), t.progress,
                t.database));
        t.rows.add(measure(s, gateway, QUERY_RANGE, s.warmup(), s.measured(), scenarios.queryByRange(t.seeder),
                t.progress, t.database));
    }

    /** The select limits on the seeded table, when the query rows ran; the gateway is stopped. */
    private static void selectLimits(Tally t) throws Exception {
        if (t.bySyssn == null) {
            return;
        }
        Settings s = t.s;
        String url = t.database.jdbcUrl();
        t.progress.printf("[%s] %s: %d clients%n", t.db, SELECT_JDBC, s.concurrency());
        t.rows.add(Row.of(SELECT_JDBC, SelectLimit.jdbc(url, t.seeder, s.concurrency(), 0, s.warmup(), s.measured(),
                t.database.wal()), null));
        // The database's own tail at the rate of the gateway's half-load query row.
        double rate = t.bySyssn.throughput() / 2;
        t.progress.printf("[%s] %s: %,.0f/s due, %d clients%n", t.db, SELECT_JDBC_HALF, rate, s.concurrency());
        t.rows.add(Row.of(SELECT_JDBC_HALF, SelectLimit.jdbc(url, t.seeder, s.concurrency(), rate, s.warmup(),
                s.measured(), t.database.wal()), null));
    }

    /** The insert limits in a scratch table; the gateway is stopped. */
    private static void insertLimits(Tally t, Path work) throws Exception {
        Settings s = t.s;
        String url = t.database.jdbcUrl();
        try (Connection c = t.database.connect()) {
            InsertLimit.createTable(c);
            t.progress.printf("[%s] %s: %d clients%n", t.db, INSERT_JDBC, s.concurrency());
            t.rows.add(Row.of(INSERT_JDBC, InsertLimit.jdbc(url, s.concurrency(), 0, s.warmup(), s.measured(), t.payUrl,
                    t.database.wal()), null));
            if (t.create != null) {
                // The database's own latency at the rate of the gateway's half-load row: how much of
                // that row's tail is the disk's.
                double rate = t.create.throughput() / 2;
                t.progress.printf("[%s] %s: %,.0f/s due, %d clients%n", t.db, INSERT_JDBC_HALF, rate, s.concurrency());
                t.rows.add(Row.of(INSERT_JDBC_HALF, InsertLimit.jdbc(url, s.concurrency(), rate, s.warmup(), s.measured(),
                        t.payUrl, t.database.wal()), null));
            }
            if (t.database instanceof Databases.Postgres pg) {
                pgbenchLimit(t, pg, work);
            }
            InsertLimit.dropTable(c);
        }
    }

    /** PostgreSQL's own C client doing the same insert, when pgbench is on the PATH. */
    private static void pgbenchLimit(Tally t, Databases.Postgres pg, Path work) throws Exception {
        String pgbench = InsertLimit.pgbench();
        if (pgbench == null) {
            t.progress.printf("[%s] no pgbench on the PATH: its row is left out%n", t.db);
            return;
        }
        Settings s = t.s;
        t.progress.printf("[%s] %s: %d clients%n", t.db, INSERT_PGBENCH, s.concurrency());
        Duration d = s.measured().count() > 0 ? Duration.ofSeconds(2) : s.measured().duration();
        t.rows.add(Row.of(INSERT_PGBENCH, InsertLimit.pgbench(pgbench, pg.libpq(), s.concurrency(), d, t.payUrl, work,
                pg.wal()), null));
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
     * second; the server's own tests lift it the same way. On H2 through {@code merchant update-app}
     * and the gateway's admin channel (the bench cannot open the database the gateway holds); on
     * PostgreSQL straight in the database, as before.
     */
    private static void liftRateLimit(Tally t, GatewayProcess gateway) throws Exception {
        if (t.database instanceof Databases.H2) {
            gateway.manage(t.s.serverClasspath(), "merchant", "update-app", gateway.appCode,
                    "--rate-per-second", Integer.toString(LIFTED_RATE), "--rate-per-minute", Integer.toString(LIFTED_RATE));
            return;
        }
        try (Connection c = t.database.connect();
                PreparedStatement u = c.prepareStatement(
                        "UPDATE apps SET rate_per_second = ?, rate_per_minute = ? WHERE id = ?")) {
            long appId = demoMerchant(c, gateway.appCode)[0];
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
