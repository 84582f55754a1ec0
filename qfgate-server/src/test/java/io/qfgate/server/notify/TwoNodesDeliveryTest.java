package io.qfgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TempDirs;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "One node at a time", with real processes: two gateway nodes on one PostgreSQL database send
 * each notification once, and when one is killed mid-send the other takes its notifications over
 * after the lease. Several nodes share a PostgreSQL database, so this runs only where the tests
 * have one: without {@code QFGATE_TEST_PG_URL} the class has no invocations at all (none skipped).
 */
@ParameterizedClass(name = "on {0}", allowZeroInvocations = true)
@MethodSource("sharedDatabases")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TwoNodesDeliveryTest {
    static final int PAYMENTS = 40;
    static final Pattern DELIVERED = Pattern.compile("notification \\d+ for (\\d{26}) attempt \\d+ to \\S+: delivered");

    /** The databases several nodes can share: PostgreSQL, when the tests have one. */
    static List<String> sharedDatabases() {
        return TestDatabases.kinds().stream().filter(TestDatabases.POSTGRESQL::equals).toList();
    }

    @Parameter
    String db;

    /** What each test started, stopped after it in reverse order (JUnit closes it). */
    @AutoClose
    final Closer closer = new Closer();

    @Test
    void twoNodesSendEachNotificationExactlyOnce() throws Exception {
        Path dataDir = TempDirs.create("qfgate-two");
        closer.add(() -> TempDirs.delete(dataDir));
        String dbUrl = TestDatabases.fresh(db);
        // Quick (100 ms), but not instant: a node is often still sending a batch when the other looks for work.
        RecordingMerchant merchant = closer.add(new RecordingMerchant(Duration.ofMillis(100), RecordingMerchant.Hold.NEVER));

        GatewayProcess a = closer.add(GatewayProcess.start("two-" + db + "-A", dataDir, dbUrl));
        DemoCredentials.Merchant m = GatewayProcess.credentials(dataDir).merchant();
        byte[] credentials = Files.readAllBytes(dataDir.resolve("demo-credentials.json"));
        GatewayProcess b = closer.add(GatewayProcess.start("two-" + db + "-B", dataDir, dbUrl));
        assertThat(Files.readAllBytes(dataDir.resolve("demo-credentials.json")))
                .as("the second node on the same database makes no new demo merchant").isEqualTo(credentials);

        // Orders spread over both nodes, each paid in the sandbox of the node that made it, one
        // after the other, so that both nodes' polls fall while notifications come due.
        List<GatewayProcess.Order> orders = new ArrayList<>();
        for (int i = 0; i < PAYMENTS; i++) {
            GatewayProcess node = i % 2 == 0 ? a : b;
            orders.add(node.order(m, "two-" + i + "-" + System.nanoTime(), merchant.url()));
        }
        KillDuringDeliveryTest.payAll(orders, 1);
        Set<String> syssns = orders.stream().map(GatewayProcess.Order::syssn).collect(Collectors.toSet());
        assertThat(syssns).hasSize(PAYMENTS);

        try (Database database = Database.open(dbUrl, 2, TestKeys.ofDataDir(dataDir))) {
            await("every notification delivered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> KillDuringDeliveryTest.notificationStates(database, syssns)
                            .equals(Map.of("delivered", (long) PAYMENTS)));
        }
        // Stopped, the nodes send nothing more: what the merchant has now is all it ever gets.
        a.close();
        b.close();

        assertThat(merchant.malformed).isEmpty();
        assertThat(merchant.arrivals).as("notifications received").hasSize(PAYMENTS);
        assertThat(merchant.counts()).as("each received exactly once").hasSize(PAYMENTS)
                .allSatisfy((syssn, count) -> assertThat(count.get()).as(syssn).isEqualTo(1));
        assertThat(merchant.counts().keySet()).isEqualTo(syssns);
        try (Database database = Database.open(dbUrl, 2, TestKeys.ofDataDir(dataDir))) {
            List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT n.syssn, n.state, n.attempts,
                                   (SELECT COUNT(*) FROM notification_attempts t WHERE t.notification_id = n.id) AS tried
                            FROM notifications n WHERE n.syssn IN (<s>)""")
                    .bindList("s", List.copyOf(syssns)).mapToMap().list());
            assertThat(rows).hasSize(PAYMENTS).allSatisfy(r -> {
                assertThat(r.get("state")).as("state of %s", r.get("syssn")).isEqualTo("delivered");
                assertThat(((Number) r.get("attempts")).intValue()).as("attempts of %s", r.get("syssn")).isEqualTo(1);
                assertThat(((Number) r.get("tried")).longValue()).as("attempt rows of %s", r.get("syssn")).isEqualTo(1);
            });
        }
        Set<String> byA = deliveredPerLog(a.log);
        Set<String> byB = deliveredPerLog(b.log);
        System.out.printf("[%s] two nodes: %d delivered by A, %d by B%n", db, byA.size(), byB.size());
        assertThat(byA).as("delivered by both A and B").doesNotContainAnyElementsOf(byB);
        assertThat(byA.size() + byB.size()).as("deliveries the nodes logged").isEqualTo(PAYMENTS);
    }

    @Test
    void whenANodeDiesMidSendTheOtherTakesOverAfterTheLease() throws Exception {
        Path dataDir = TempDirs.create("qfgate-takeover");
        closer.add(() -> TempDirs.delete(dataDir));
        String dbUrl = TestDatabases.fresh(db);
        // Every request hangs until the kill: a node sending one is stuck in its batch and claims nothing else.
        RecordingMerchant merchant = closer.add(new RecordingMerchant(Duration.ZERO, (syssn, n) -> true));

        GatewayProcess a = closer.add(GatewayProcess.start("takeover-" + db + "-A", dataDir, dbUrl));
        DemoCredentials.Merchant m = GatewayProcess.credentials(dataDir).merchant();
        GatewayProcess b = closer.add(GatewayProcess.start("takeover-" + db + "-B", dataDir, dbUrl));
        GatewayProcess.Order first = a.order(m, "takeover-1-" + System.nanoTime(), merchant.url());
        GatewayProcess.Order second = a.order(m, "takeover-2-" + System.nanoTime(), merchant.url());

        // One node takes the first notification and hangs in it; so the second can only go out from
        // the other node. Each node then has one request in flight — which one is A's does not matter.
        GatewayProcess.pay(first);
        await("the first notification in flight").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> merchant.arrivals.size() == 1);
        GatewayProcess.pay(second);
        await("the second notification in flight").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> merchant.arrivals.size() == 2);
        assertThat(merchant.holding).as("in flight, one from each node (a lease of %d s ran out first if not)",
                GatewayProcess.LEASE_SECONDS).containsExactlyInAnyOrder(first.syssn(), second.syssn());

        assertThat(a.kill9()).as("kill -9 status").isEqualTo(128 + 9);
        assertThat(merchant.expiredHolds).as("requests held longer than %s (too slow a machine?)",
                RecordingMerchant.MAX_HOLD).hasValue(0);
        merchant.release();
        Set<String> syssns = Set.of(first.syssn(), second.syssn());
        try (Database database = Database.open(dbUrl, 2, TestKeys.ofDataDir(dataDir))) {
            await("both delivered").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                    .until(() -> KillDuringDeliveryTest.notificationStates(database, syssns)
                            .equals(Map.of("delivered", 2L)));
        }
        b.close();

        // B's own request was answered on release; A's died with A, and B sent it again once A's lease ran out.
        assertThat(List.of(merchant.count(first.syssn()), merchant.count(second.syssn())))
                .as("requests for the first and the second").containsExactlyInAnyOrder(1, 2);
        assertThat(deliveredPerLog(b.log)).as("delivered by B").isEqualTo(syssns);
        assertThat(deliveredPerLog(a.log)).as("delivered by A").isEmpty();
        try (Database database = Database.open(dbUrl, 2, TestKeys.ofDataDir(dataDir))) {
            List<Map<String, Object>> rows = database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT n.syssn, n.attempts,
                                   (SELECT COUNT(*) FROM notification_attempts t WHERE t.notification_id = n.id) AS tried
                            FROM notifications n WHERE n.syssn IN (<s>)""")
                    .bindList("s", List.copyOf(syssns)).mapToMap().list());
            // A died before it could record its attempt; B's is the one on record.
            assertThat(rows).hasSize(2).allSatisfy(r -> {
                assertThat(((Number) r.get("attempts")).intValue()).as("attempts of %s", r.get("syssn")).isEqualTo(1);
                assertThat(((Number) r.get("tried")).longValue()).as("attempt rows of %s", r.get("syssn")).isEqualTo(1);
            });
        }
    }

    /** The syssns a node logged as delivered. */
    static Set<String> deliveredPerLog(Path log) throws IOException {
        return Files.readAllLines(log).stream().map(DELIVERED::matcher).filter(Matcher::find)
                .map(x -> x.group(1)).collect(Collectors.toSet());
    }
}
