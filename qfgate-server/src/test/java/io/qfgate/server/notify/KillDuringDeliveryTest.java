package io.qfgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TempDirs;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "Nothing is lost", with real processes: a gateway node is killed with {@code kill -9} while it
 * is delivering notifications; a new node on the same database delivers every one of them — the
 * ones never tried, and the ones in flight at the kill once their lease has run out.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class KillDuringDeliveryTest {
    static final int PAYMENTS = 30;
    /** The merchant answers this many before the kill; later requests hang until the kill. */
    static final int ANSWERED_BEFORE_KILL = 5;
    /** Paid right before the kill: recorded successful, not yet tried. */
    static final int LATE_PAYMENTS = 3;
    static final int ALL = PAYMENTS + LATE_PAYMENTS;

    @Parameter
    String db;

    /** What each test started, stopped after it in reverse order (JUnit closes it). */
    @AutoClose
    final Closer closer = new Closer();

    // What the phases of the test share.
    Path dataDir;
    /** Null for the embedded H2 in dataDir. */
    String dbUrl;
    RecordingMerchant merchant;
    DemoCredentials.Merchant m;
    final Set<String> syssns = new HashSet<>();
    Set<String> lateSyssns;
    Set<String> acknowledgedBeforeKill;
    Set<String> inFlightAtKill;
    Set<String> undelivered;

    @Test
    void aNodeKilledMidDeliveryLosesNothingAndTheNextNodeDeliversEverything() throws Exception {
        GatewayProcess a = startNodeA();
        payWhileTheMerchantIsSlowThenHangs(a);
        payJustBeforeTheKill(a);
        killMidDelivery(a);

        // A new node on the same database (and, for H2, the same files the killed node left locked).
        GatewayProcess b = closer.add(GatewayProcess.start("kill-" + db + "-B", dataDir, dbUrl));
        System.out.printf("[%s] node A up in %d ms; node B up after the kill in %d ms%n", db,
                a.startup.toMillis(), b.startup.toMillis());
        nodeBKeepsEverySuccessAndDeliversEveryNotice(b);
        b.close();
        everyPaymentIsRecordedSuccessfulAndDeliveredOnce();
    }

    private GatewayProcess startNodeA() {
        dataDir = TempDirs.create("qfgate-kill");
        closer.add(() -> TempDirs.delete(dataDir));
        // H2: the gateway's own default, the embedded database in --data; PostgreSQL: a fresh database.
        dbUrl = db.equals(TestDatabases.H2) ? null : TestDatabases.fresh(db);
        // Slow (300 ms an answer), and after the first few answers it hangs until the kill.
        AtomicInteger answerSlots = new AtomicInteger(ANSWERED_BEFORE_KILL);
        merchant = closer.add(new RecordingMerchant(Duration.ofMillis(300),
                (syssn, n) -> answerSlots.getAndDecrement() <= 0));
        merchant.phase = "A";
        GatewayProcess a = closer.add(GatewayProcess.start("kill-" + db + "-A", dataDir, dbUrl));
        m = GatewayProcess.credentials(dataDir).merchant();
        return a;
    }

    private void payWhileTheMerchantIsSlowThenHangs(GatewayProcess a) throws Exception {
        List<GatewayProcess.Order> orders = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            orders.add(a.order(m, "kill-" + i + "-" + System.nanoTime(), merchant.url()));
        }
        payAll(orders);
        orders.forEach(o -> syssns.add(o.syssn()));
        // Every success is recorded (and with it its outbox row) before the kill …
        await("node A records every payment successful").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(() -> a.successful(m, syssns).size() == PAYMENTS);
        // … and the kill comes while A is delivering: some answered, some hanging in flight.
        await("node A has delivered some and is sending more").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> merchant.acknowledged.size() >= ANSWERED_BEFORE_KILL && !merchant.holding.isEmpty());
    }

    /**
     * Last, a few payments whose success is recorded just before the kill: once the gateway has
     * told Alipay "success" (and answers 0000 to queries), that must survive too.
     */
    private void payJustBeforeTheKill(GatewayProcess a) throws Exception {
        List<GatewayProcess.Order> late = new ArrayList<>();
        for (int i = 0; i < LATE_PAYMENTS; i++) {
            late.add(a.order(m, "late-" + i + "-" + System.nanoTime(), merchant.url()));
        }
        payAll(late);
        lateSyssns = late.stream().map(GatewayProcess.Order::syssn).collect(Collectors.toSet());
        await("node A records the late payments successful").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> a.successful(m, lateSyssns).size() == LATE_PAYMENTS);
        syssns.addAll(lateSyssns);
    }

    private void killMidDelivery(GatewayProcess a) {
        int status = a.kill9();
        System.out.printf("[%s] node A (pid %d) killed at %s; late payments %s%n", db, a.pid(),
                java.time.LocalTime.now(), lateSyssns);
        acknowledgedBeforeKill = merchant.acknowledged.stream()
                .map(RecordingMerchant.Arrival::syssn).collect(Collectors.toSet());
        inFlightAtKill = Set.copyOf(merchant.holding);
        merchant.phase = "B";
        merchant.release();

        assertThat(status).as("kill -9 (SIGKILL) status").isEqualTo(128 + 9);
        assertThat(merchant.expiredHolds).as("requests held longer than %s before the kill (too slow a machine?)",
                RecordingMerchant.MAX_HOLD).hasValue(0);
        assertThat(acknowledgedBeforeKill).as("delivered before the kill").isNotEmpty()
                .hasSizeLessThanOrEqualTo(ANSWERED_BEFORE_KILL);
        assertThat(inFlightAtKill).as("in flight at the kill").isNotEmpty();
        undelivered = new HashSet<>(syssns);
        undelivered.removeAll(acknowledgedBeforeKill);
        assertThat(undelivered).as("still undelivered at the kill").isNotEmpty();
        if (dbUrl != null) {
            // PostgreSQL can be looked at from outside without touching the dead node's files.
            try (Database database = Database.open(dbUrl, 2, TestKeys.ofDataDir(dataDir))) {
                Map<String, Long> states = notificationStates(database, syssns);
                assertThat(states.keySet()).as("outbox after the kill").isSubsetOf("pending", "delivered");
                assertThat(states.getOrDefault("pending", 0L)).as("pending in the outbox after the kill")
                        .isGreaterThanOrEqualTo(undelivered.size());
            }
        }
    }

    private void nodeBKeepsEverySuccessAndDeliversEveryNotice(GatewayProcess b) throws Exception {
        Map<String, String> allSuccessful = new TreeMap<>();
        syssns.forEach(s -> allSuccessful.put(s, "0000"));
        assertThat(b.respcds(m, syssns)).as("successes recorded before the kill (the last %s just before it), after"
                + " the restart", lateSyssns).isEqualTo(allSuccessful);

        await("every successful payment announced to the merchant").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    Set<String> got = new HashSet<>(acknowledgedBeforeKill);
                    merchant.acknowledged.stream().filter(x -> x.phase().equals("B"))
                            .forEach(x -> got.add(x.syssn()));
                    return got.containsAll(syssns);
                });
        Set<String> arrivedAfterRestart = merchant.arrivals.stream().filter(x -> x.phase().equals("B"))
                .map(RecordingMerchant.Arrival::syssn).collect(Collectors.toSet());
        assertThat(arrivedAfterRestart).as("sent again after the lease ran out: what was in flight at the kill")
                .containsAll(inFlightAtKill);
        assertThat(arrivedAfterRestart).as("sent by node B: everything not delivered before the kill")
                .containsAll(undelivered);
        assertThat(merchant.malformed).isEmpty();
        // Let B record its last attempts before it is stopped: asked as an operator would, with
        // ./qfgate notify list (on H2 B holds the database, and the command goes through B's admin channel).
        await("node B records every notification delivered").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> deliveredAsListed(dataDir, dbUrl).containsAll(syssns));
    }

    private void everyPaymentIsRecordedSuccessfulAndDeliveredOnce() {
        try (Database database = Database.open(dbUrl != null ? dbUrl : Database.h2Url(dataDir), 2, TestKeys.ofDataDir(dataDir))) {
            Map<String, String> respcds = new java.util.HashMap<>();
            database.jdbi().useHandle(h -> h.createQuery("SELECT syssn, respcd FROM transactions WHERE syssn IN (<s>)")
                    .bindList("s", List.copyOf(syssns))
                    .map((rs, ctx) -> Map.entry(rs.getString(1).trim(), rs.getString(2)))
                    .forEach(e -> respcds.put(e.getKey(), e.getValue())));
            assertThat(respcds).as("every payment is recorded successful").hasSize(ALL)
                    .allSatisfy((s, respcd) -> assertThat(respcd).isEqualTo("0000"));
            assertThat(notificationStates(database, syssns)).as("outbox").isEqualTo(Map.of("delivered", (long) ALL));
            long attempts = database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT COUNT(*) FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
                            WHERE n.syssn IN (<s>)""")
                    .bindList("s", List.copyOf(syssns)).mapTo(Long.class).one());
            assertThat(attempts).as("recorded attempts (the killed node's in-flight ones never were)")
                    .isGreaterThanOrEqualTo(ALL);
        }
    }

    /** The syssns {@code ./qfgate notify list --state delivered} shows. */
    static Set<String> deliveredAsListed(Path dataDir, String dbUrl) throws Exception {
        List<String> args = new ArrayList<>(List.of("notify", "list", "--state", "delivered", "--limit", "1000",
                "--data", dataDir.toString()));
        if (dbUrl != null) {
            args.addAll(List.of("--db", dbUrl));
        }
        io.qfgate.server.ops.Cli listed = io.qfgate.server.ops.Cli.run(args.toArray(String[]::new));
        assertThat(listed.exit()).as(listed.err()).isZero();
        // "<id>  delivered payment <syssn> attempts=…"
        return listed.out().lines().map(l -> l.trim().split("\\s+"))
                .filter(f -> f.length > 3).map(f -> f[3]).collect(Collectors.toSet());
    }

    static Map<String, Long> notificationStates(Database database, Set<String> syssns) {
        return database.jdbi().withHandle(h -> h.createQuery(
                        "SELECT state, COUNT(*) FROM notifications WHERE syssn IN (<s>) GROUP BY state")
                .bindList("s", List.copyOf(syssns))
                .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getLong(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** Pays every order in its node's sandbox wallet, a few shoppers at a time. */
    static void payAll(List<GatewayProcess.Order> orders) throws Exception {
        payAll(orders, 4);
    }

    static void payAll(List<GatewayProcess.Order> orders, int shopperCount) throws Exception {
        try (ExecutorService shoppers = Executors.newFixedThreadPool(shopperCount)) {
            List<Future<?>> paid = new ArrayList<>();
            for (GatewayProcess.Order o : orders) {
                paid.add(shoppers.submit(() -> GatewayProcess.pay(o)));
            }
            for (Future<?> f : paid) {
                f.get(60, TimeUnit.SECONDS);
            }
        }
    }
}
