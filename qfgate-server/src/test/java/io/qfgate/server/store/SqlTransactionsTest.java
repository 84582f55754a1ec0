package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.Transaction;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The transactions table on each database: what the database itself guarantees. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class SqlTransactionsTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 10, 0);

    @Parameter
    String db;

    Database database;
    SqlTransactions transactions;
    SqlApps apps;
    App app;
    Merchant merchant;
    long merchantId;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.fresh(db), 8, TestKeys.fresh());
        transactions = new SqlTransactions(database);
        apps = new SqlApps(database);
        app = newApp("A");
        merchant = apps.merchantOfApp(app.id()).orElseThrow();
        merchantId = merchant.id();
    }

    private App newApp(String code) {
        return apps.createApp(new App(0, code.repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Shop " + code, null, 100, 400),
                new SqlApps.NewMerchant("Shop " + code, "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB), EnumSet.of(Currency.HKD), null),
                NOW);
    }

    @AfterEach
    void close() {
        database.close();
    }

    Transaction order(String syssn, String outTradeNo, long txamt) {
        return orderOf(app, merchant, syssn, outTradeNo, txamt);
    }

    Transaction orderOf(App app, Merchant merchant, String syssn, String outTradeNo, long txamt) {
        NewPayment request = new NewPayment(txamt, Currency.HKD, PayType.ALIPAY_ONLINE_WEB, outTradeNo,
                "2026-11-27 10:00:00", ZoneOffset.ofHours(8), 30, "tea", null, null, null, null, null);
        return Transaction.payment(syssn, NOW, app, merchant, request).withPayUrl("https://alipay.example/gateway.do?x=1");
    }

    @Test
    void storesAndReadsBackEveryField() {
        Transaction written = order(transactions.nextSyssn(NOW.toLocalDate()), "o-1", 300);
        assertThat(transactions.insert(written)).isTrue();

        assertThat(transactions.byOutTradeNo(merchantId, "o-1")).contains(written);
        assertThat(transactions.bySyssn(written.syssn())).contains(written);
    }

    @Test
    void theDatabaseRefusesASecondOrderWithTheSameOutTradeNo() {
        assertThat(transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), "o-1", 300))).isTrue();
        assertThat(transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), "o-1", 999))).isFalse();

        assertThat(transactions.byOutTradeNo(merchantId, "o-1").orElseThrow().txamt()).isEqualTo(300);
    }

    @Test
    void aPaymentKeepsTheFirstCancelSyssnStoredForIt() {
        String syssn = transactions.nextSyssn(NOW.toLocalDate());
        transactions.insert(order(syssn, "cancelled", 100));
        String first = transactions.nextSyssn(NOW.toLocalDate());

        assertThat(transactions.cancelSyssn(syssn, () -> first)).isEqualTo(first);
        assertThat(transactions.cancelSyssn(syssn, () -> {
            throw new AssertionError("a stored cancel syssn takes no new number");
        })).isEqualTo(first);
    }

    @Test
    void theDatabaseRefusesOneCancelSyssnForTwoPayments() {
        String one = transactions.nextSyssn(NOW.toLocalDate());
        String two = transactions.nextSyssn(NOW.toLocalDate());
        transactions.insert(order(one, "one", 100));
        transactions.insert(order(two, "two", 100));
        String cancel = transactions.nextSyssn(NOW.toLocalDate());
        transactions.cancelSyssn(one, () -> cancel);

        assertThatThrownBy(() -> transactions.cancelSyssn(two, () -> cancel))
                .isInstanceOf(UnableToExecuteStatementException.class);
    }

    @Test
    void aDaysTransactionsOfSeveralMerchantsComeOneByOneOldestFirst() {
        App other = newApp("C");
        Merchant otherMerchant = apps.merchantOfApp(other.id()).orElseThrow();
        App third = newApp("D");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String mine = transactions.nextSyssn(NOW.toLocalDate());
            transactions.insert(order(mine, "mine-" + i, 100));
            String theirs = transactions.nextSyssn(NOW.toLocalDate());
            transactions.insert(orderOf(other, otherMerchant, theirs, "theirs-" + i, 100));
            expected.add(mine);
            expected.add(theirs);
        }
        transactions.insert(orderOf(third, apps.merchantOfApp(third.id()).orElseThrow(),
                transactions.nextSyssn(NOW.toLocalDate()), "not-asked", 100));

        List<String> seen = new ArrayList<>();
        transactions.eachBetween(List.of(merchantId, otherMerchant.id()), NOW.toLocalDate().atStartOfDay(),
                NOW.toLocalDate().plusDays(1).atStartOfDay(), t -> seen.add(t.syssn()));
        List<String> nextDay = new ArrayList<>();
        transactions.eachBetween(List.of(merchantId), NOW.toLocalDate().plusDays(1).atStartOfDay(),
                NOW.toLocalDate().plusDays(2).atStartOfDay(), t -> nextDay.add(t.syssn()));

        assertThat(seen).containsExactlyElementsOf(expected);
        assertThat(nextDay).isEmpty();
    }

    @Test
    void theDatabaseRefusesNonPositiveAmounts() {
        transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), "o-2", 1));

        assertThatThrownBy(() -> database.jdbi().useHandle(h -> h.execute("UPDATE transactions SET txamt = 0")))
                .hasMessageContaining("txamt");
        assertThat(transactions.byOutTradeNo(merchantId, "o-2").orElseThrow().txamt()).isEqualTo(1);
    }

    @Test
    void theDatabaseRefusesAnOrderPairingAnAppWithAnotherAppsMerchant() {
        Merchant otherMerchant = apps.merchantOfApp(newApp("C").id()).orElseThrow();
        Merchant noMerchant = new Merchant(otherMerchant.id() + 1000, otherMerchant.appId(), null, "None", "5999",
                Set.of(), Set.of(), null, true);

        assertThatThrownBy(() -> transactions.insert(
                        orderOf(app, otherMerchant, transactions.nextSyssn(NOW.toLocalDate()), "o-3", 300)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("transactions_merchant_of_app");
        assertThatThrownBy(() -> transactions.insert(
                        orderOf(app, noMerchant, transactions.nextSyssn(NOW.toLocalDate()), "o-4", 300)))
                .isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("transactions_merchant_of_app");
        assertThat(rowCount()).isZero();
    }

    @Test
    void nodesSharingTheDatabaseNeverHandOutTheSameSyssn() throws Exception {
        // Four stores stand for four gateway nodes, each taking blocks from the one sequence.
        List<SqlTransactions> nodes = List.of(transactions, new SqlTransactions(database),
                new SqlTransactions(database), new SqlTransactions(database));
        List<Callable<List<String>>> work = new ArrayList<>();
        for (SqlTransactions node : nodes) {
            for (int t = 0; t < 2; t++) {
                work.add(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 250; i++) {
                        mine.add(node.nextSyssn(LocalDate.of(2026, 11, 27)));
                    }
                    return mine;
                });
            }
        }
        ExecutorService pool = Executors.newFixedThreadPool(work.size());
        Set<String> all = new HashSet<>();
        int total = 0;
        for (Future<List<String>> f : pool.invokeAll(work)) {
            total += f.get().size();
            all.addAll(f.get());
            assertThat(f.get()).isSorted().allMatch(s -> s.matches("20261127\\d{18}"));
        }
        pool.shutdown();

        assertThat(total).isEqualTo(2000);
        assertThat(all).hasSize(2000);
    }

    @Test
    void concurrentInsertsOfOneOutTradeNoLeaveOneRow() throws Exception {
        List<Callable<Boolean>> racers = new ArrayList<>(Collections.nCopies(12,
                () -> transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), "race", 300))));
        ExecutorService pool = Executors.newFixedThreadPool(12);
        int winners = 0;
        for (Future<Boolean> f : pool.invokeAll(racers)) {
            winners += f.get() ? 1 : 0;
        }
        pool.shutdown();

        assertThat(winners).isEqualTo(1);
        assertThat(rowCount()).isEqualTo(1);
    }

    // New orders are written in group commits (NewOrders): what a batch must tell each request.

    @Test
    void aBatchTellsEachOrderWhetherItIsNew() {
        transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), "taken", 300));
        NewOrders newOrders = new NewOrders(database.jdbi());
        List<NewOrders.Pending> batch = pending("a", "taken", "b", "a");

        newOrders.write(batch);

        assertThat(batch).extracting(NewOrders.Pending::failure).containsOnlyNulls();
        assertThat(batch).extracting(NewOrders.Pending::inserted).containsExactly(true, false, true, false);
        assertThat(transactions.byOutTradeNo(merchantId, "a").orElseThrow().syssn()).isEqualTo(batch.get(0).order.syssn());
        assertThat(rowCount()).isEqualTo(3);
    }

    @Test
    void aBatchOfOrdersAllTakenWritesNothingAndSaysSoForEach() {
        NewOrders newOrders = new NewOrders(database.jdbi());
        newOrders.write(pending("x", "y"));
        List<NewOrders.Pending> again = pending("y", "x", "x");

        newOrders.write(again);

        assertThat(again).extracting(NewOrders.Pending::failure).containsOnlyNulls();
        assertThat(again).extracting(NewOrders.Pending::inserted).containsExactly(false, false, false);
        assertThat(rowCount()).isEqualTo(2);
    }

    @Test
    void anOrderTheDatabaseRefusesFailsAloneAndTheRestOfItsBatchIsWritten() {
        NewOrders newOrders = new NewOrders(database.jdbi());
        List<NewOrders.Pending> batch = new ArrayList<>(pending("good-1"));
        String tooLong = "x".repeat(129); // the column is VARCHAR(128); the API refuses this long before
        batch.add(new NewOrders.Pending(order(transactions.nextSyssn(NOW.toLocalDate()), tooLong, 300)));
        batch.addAll(pending("good-2"));

        newOrders.write(batch);

        assertThat(batch.get(1).failure()).isInstanceOf(UnableToExecuteStatementException.class)
                .hasMessageContaining("too long");
        assertThat(List.of(batch.get(0), batch.get(2))).allSatisfy(p -> {
            assertThat(p.failure()).isNull();
            assertThat(p.inserted()).isTrue();
        });
        assertThat(transactions.byOutTradeNo(merchantId, tooLong)).isEmpty();
        assertThat(rowCount()).isEqualTo(2);
    }

    @Test
    void concurrentRequestsShareCommitsAndEachLearnsItsOwnOrdersOutcome() throws Exception {
        // 24 requesters, 40 orders each; every out_trade_no is sent by exactly two of them.
        int requesters = 24;
        int perRequester = 40;
        List<Callable<List<String>>> work = new ArrayList<>();
        for (int r = 0; r < requesters; r++) {
            int pair = r / 2;
            work.add(() -> {
                List<String> won = new ArrayList<>();
                for (int i = 0; i < perRequester; i++) {
                    String outTradeNo = "o-" + pair + "-" + i;
                    if (transactions.insert(order(transactions.nextSyssn(NOW.toLocalDate()), outTradeNo, 300))) {
                        won.add(outTradeNo);
                    }
                }
                return won;
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(requesters);
        List<String> won = new ArrayList<>();
        for (Future<List<String>> f : pool.invokeAll(work)) {
            won.addAll(f.get());
        }
        pool.shutdown();

        assertThat(won).hasSize(requesters / 2 * perRequester).doesNotHaveDuplicates();
        assertThat(rowCount()).isEqualTo(requesters / 2 * perRequester);
        assertThat(transactions.newOrdersLargestBatch()).as("orders in the largest transaction").isGreaterThan(1);
    }

    private List<NewOrders.Pending> pending(String... outTradeNos) {
        List<NewOrders.Pending> batch = new ArrayList<>();
        for (String outTradeNo : outTradeNos) {
            batch.add(new NewOrders.Pending(order(transactions.nextSyssn(NOW.toLocalDate()), outTradeNo, 300)));
        }
        return batch;
    }

    private int rowCount() {
        return database.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM transactions").mapTo(Integer.class).one());
    }
}
