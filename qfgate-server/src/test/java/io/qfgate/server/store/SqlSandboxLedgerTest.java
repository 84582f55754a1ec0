package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.SandboxConfig;
import io.qfgate.sandbox.customs.CustomsDesk;
import io.qfgate.sandbox.customs.CustomsDesk.Status;
import io.qfgate.sandbox.ledger.Ledger;
import io.qfgate.sandbox.ledger.MapiException;
import io.qfgate.sandbox.ledger.OrderTerms;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.ledger.PayOutcome;
import io.qfgate.server.MutableClock;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The sandbox's books in SQL under concurrency, as two nodes (two ledgers on one database) see
 * them: a trade is paid once, a balance never goes below zero, refunds never exceed the total, and
 * customs declarations are shared and never lose a push or a query.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class SqlSandboxLedgerTest {
    static final int RACERS = 8;
    static final AtomicInteger ORDERS = new AtomicInteger();

    @Parameter
    String db;

    Database database;
    final MutableClock clock = new MutableClock(TestGateway.START);

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    /** One of two ledgers ("nodes") on the same database. */
    Ledger node() {
        if (database == null) {
            database = Database.open(TestDatabases.fresh(db), RACERS + 2, TestKeys.fresh());
        }
        SandboxConfig c = SandboxConfig.defaults(clock, List.of());
        return new Ledger(clock, c.cnyRates(), c.buyers(), c.orderRetention(), new SqlSandboxLedger(database),
                paid -> null, paid -> {});
    }

    static OrderTerms terms(long hkdCents) {
        return new OrderTerms("2088000000000088", "o-" + ORDERS.incrementAndGet(), "Coffee", null, Currency.HKD,
                hkdCents, null, null, "Shop", null, null, null, null, Duration.ofHours(1), null);
    }

    /** Runs every task at once (more or less) and returns the results. */
    static <T> List<T> race(List<Callable<T>> tasks) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(tasks.size())) {
            List<T> results = new ArrayList<>();
            for (Future<T> f : pool.invokeAll(tasks)) {
                results.add(f.get());
            }
            return results;
        }
    }

    @Test
    void aTradePaidByManyPressesOnTwoNodesIsDebitedOnce() throws Exception {
        Ledger a = node();
        Ledger b = node();
        OrderView order = a.open(terms(300)); // CNY 2.75
        long before = a.balanceFen("buyer-rich");

        List<Callable<PayOutcome>> presses = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Ledger node = i % 2 == 0 ? a : b;
            presses.add(() -> node.pay(order.walletToken(), "buyer-rich"));
        }
        List<PayOutcome> outcomes = race(presses);

        assertThat(outcomes).filteredOn(o -> o instanceof PayOutcome.Paid p && p.justNow()).hasSize(1);
        assertThat(outcomes).allMatch(o -> o instanceof PayOutcome.Paid);
        assertThat(b.balanceFen("buyer-rich")).isEqualTo(before - 275);
    }

    @Test
    void aBalanceThatCoversOneOrderPaysExactlyOneOfThemAndNeverGoesNegative() throws Exception {
        Ledger a = node();
        Ledger b = node();
        List<Callable<PayOutcome>> presses = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Ledger node = i % 2 == 0 ? a : b;
            OrderView order = node.open(terms(70)); // CNY 0.64 each, buyer-poor has 1.00
            presses.add(() -> node.pay(order.walletToken(), "buyer-poor"));
        }
        List<PayOutcome> outcomes = race(presses);

        assertThat(outcomes).filteredOn(o -> o instanceof PayOutcome.Paid).hasSize(1);
        assertThat(outcomes).filteredOn(o -> o instanceof PayOutcome.InsufficientBalance).hasSize(RACERS - 1);
        assertThat(a.balanceFen("buyer-poor")).isEqualTo(100 - 64);
    }

    @Test
    void racingRefundsOnTwoNodesNeverExceedTheTotal() throws Exception {
        Ledger a = node();
        Ledger b = node();
        OrderView order = a.open(terms(1000)); // HKD 10.00 = CNY 9.15
        long before = a.balanceFen("buyer-rich");
        assertThat(a.pay(order.walletToken(), "buyer-rich")).isInstanceOf(PayOutcome.Paid.class);

        List<Callable<String>> refunds = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            Ledger node = i % 2 == 0 ? a : b;
            String outReturnNo = "r-" + i;
            refunds.add(() -> {
                try {
                    node.refund("2088000000000088", order.terms().outTradeNo(), outReturnNo, 300, Currency.HKD, null);
                    return "refunded";
                } catch (MapiException e) {
                    return e.code().name();
                }
            });
        }
        List<String> outcomes = race(refunds);

        assertThat(outcomes).filteredOn("refunded"::equals).hasSize(3);
        assertThat(outcomes).filteredOn("RETURN_AMOUNT_EXCEED"::equals).hasSize(RACERS - 3);
        OrderView refunded = b.find("2088000000000088", order.terms().outTradeNo(), null).orElseThrow();
        assertThat(refunded.refundedMinor()).isEqualTo(900);
        assertThat(refunded.refunds()).hasSize(3);
        assertThat(b.balanceFen("buyer-rich")).isEqualTo(before - 915 + refunded.refundedCnyFen());
    }

    /** The customs desk of one of two nodes on the same database. */
    CustomsDesk desk() {
        node(); // opens the database
        return new CustomsDesk(clock, new SqlSandboxLedger(database));
    }

    static CustomsDesk.Terms customsTerms(String code) {
        return new CustomsDesk.Terms("2026112722001400000000000001", code, "jwyhanguo_card", 915, "HANGZHOU", null);
    }

    @Test
    void aDeclarationTakenAtOneNodeIsQueriedAtTheOtherAndMovesOnThere() {
        CustomsDesk a = desk();
        CustomsDesk b = desk();
        var declared = a.declare("2088000000000088", "REQ-NODES-1", customsTerms("SLOW1")).orElseThrow();

        assertThat(b.query("2088000000000088", "REQ-NODES-1").orElseThrow().status()).isEqualTo(Status.INIT);
        var second = a.query("2088000000000088", "REQ-NODES-1").orElseThrow();

        assertThat(second.status()).as("the second query, whichever node asks").isEqualTo(Status.SUCCESS);
        assertThat(second.declareNo()).isEqualTo(declared.declareNo());
        assertThat(second.terms()).isEqualTo(customsTerms("SLOW1"));
        assertThat(b.query("2088000000000099", "REQ-NODES-1")).as("another partner's number").isEmpty();
    }

    @Test
    void aRejectionKeepsItsReasonAndASplitDeclarationItsSubOrder() {
        CustomsDesk a = desk();
        CustomsDesk.Terms split = new CustomsDesk.Terms("2026112722001400000000000002", "REJECT9", "x", 100,
                "NINGBO", "SUB-1");
        a.declare("2088000000000088", "REQ-REJECT-1", split);

        var d = desk().query("2088000000000088", "REQ-REJECT-1").orElseThrow();

        assertThat(d.status()).isEqualTo(Status.FAIL);
        assertThat(d.memo()).isEqualTo("merchant REJECT9 has no customs record at NINGBO");
        assertThat(d.terms()).isEqualTo(split);
    }

    @Test
    void racingPushesAndQueriesOnTwoNodesLoseNoneOfThem() throws Exception {
        CustomsDesk a = desk();
        CustomsDesk b = desk();
        String declareNo = a.declare("2088000000000088", "REQ-RACE-1", customsTerms("HZ1")).orElseThrow().declareNo();

        List<Callable<String>> pushes = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            CustomsDesk node = i % 2 == 0 ? a : b;
            pushes.add(() -> node.declare("2088000000000088", "REQ-RACE-1", customsTerms("HZ1")).orElseThrow()
                    .declareNo());
        }
        assertThat(race(pushes)).containsOnly(declareNo);
        List<Callable<Integer>> queries = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            CustomsDesk node = i % 2 == 0 ? a : b;
            queries.add(() -> node.query("2088000000000088", "REQ-RACE-1").orElseThrow().queries());
        }
        assertThat(race(queries)).as("each query counted once").containsExactlyInAnyOrder(
                java.util.stream.IntStream.rangeClosed(1, RACERS).boxed().toArray(Integer[]::new));

        assertThat(b.query("2088000000000088", "REQ-RACE-1").orElseThrow().pushes()).isEqualTo(1 + RACERS);
    }

    @Test
    void aNumberDeclaringOneTradeRefusesAnotherOnEveryNode() {
        desk().declare("2088000000000088", "REQ-OTHER-1", customsTerms("HZ1"));
        CustomsDesk.Terms otherTrade = new CustomsDesk.Terms("2026112722001400000000000003", "HZ1", "x", 1,
                "HANGZHOU", null);

        assertThat(desk().declare("2088000000000088", "REQ-OTHER-1", otherTrade)).isEmpty();
    }
}
