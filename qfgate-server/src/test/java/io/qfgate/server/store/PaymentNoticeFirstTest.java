package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.NewRefund;
import io.qfgate.server.domain.Notice;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores.Outbox.Attempt;
import io.qfgate.server.domain.Stores.Outbox.Entry;
import io.qfgate.server.domain.Transaction;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outbox hands out a refund's notice only once its payment's notice to the same URL is
 * settled (delivered, or failed for good), so a merchant hears of a payment before its refunds
 * however many threads and nodes claim at once: the claim itself says so, in the database.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PaymentNoticeFirstTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 10, 0);
    static final LocalDateTime LEASE = NOW.plusMinutes(1);
    static final String SHOP = "https://shop.example/qfpay/notify";
    static final Receipt RECEIPT = new Receipt(NOW, "2026112722001400000000000001", "2088000000000001", null, null, null);

    @Parameter
    String db;

    Database database;
    SqlTransactions transactions;
    SqlNotifications outbox;
    App app;
    Merchant merchant;
    /** The lease token each notice was last claimed under by {@link #claim}. */
    final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** A payment and its refund, each with its notice stored. */
    record Pair(String payment, String refund) {}

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.fresh(db), 16, TestKeys.fresh());
        transactions = new SqlTransactions(database);
        outbox = new SqlNotifications(database);
        SqlApps apps = new SqlApps(database);
        app = apps.createApp(new App(0, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400),
                new SqlApps.NewMerchant("Shop", "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB), EnumSet.of(Currency.HKD),
                        null), NOW);
        merchant = apps.merchantOfApp(app.id()).orElseThrow();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aRefundsNoticeWaitsWhileItsPaymentsNoticeAwaitsARetryAndGoesOnceThatIsDelivered() {
        Pair pair = paidAndRefunded("wait", SHOP, SHOP);

        assertThat(syssns(claim(NOW))).as("first round: only the payment's").containsExactly(pair.payment());
        settle(pair.payment(), NoticeState.PENDING, NOW.plusMinutes(2)); // the merchant answered 500

        assertThat(claim(NOW.plusMinutes(1))).as("the refund's is due, but its payment's is not settled").isEmpty();

        assertThat(syssns(claim(NOW.plusMinutes(2)))).as("the retry").containsExactly(pair.payment());
        settle(pair.payment(), NoticeState.DELIVERED, NOW.plusMinutes(2));
        assertThat(syssns(claim(NOW.plusMinutes(2)))).containsExactly(pair.refund());
    }

    @Test
    void aRefundsNoticeGoesOnceItsPaymentsNoticeHasFailedForGood() {
        Pair pair = paidAndRefunded("failed", SHOP, SHOP);
        assertThat(syssns(claim(NOW))).containsExactly(pair.payment());

        settle(pair.payment(), NoticeState.FAILED, NOW);

        assertThat(syssns(claim(NOW))).containsExactly(pair.refund());
    }

    @Test
    void aRefundsNoticeToAnotherUrlDoesNotWaitForThePayments() {
        Pair pair = paidAndRefunded("elsewhere", SHOP, "https://refunds.example/qfpay/notify");

        assertThat(syssns(claim(NOW))).containsExactlyInAnyOrder(pair.payment(), pair.refund());
    }

    @Test
    void aLeasedPaymentsNoticeHoldsItsRefundsBackFromEveryOtherClaimer() {
        Pair pair = paidAndRefunded("leased", SHOP, SHOP);
        assertThat(syssns(claim(NOW))).containsExactly(pair.payment());

        assertThat(claim(NOW)).as("another node, while the payment's is being sent").isEmpty();
    }

    /**
     * Many claimers at once, as threads of several nodes: every payment's notice fails its first
     * attempt (due again at once) and is delivered at the second; no refund's notice is ever
     * claimed before its payment's was settled delivered.
     */
    @Test
    void concurrentClaimersNeverTakeARefundsNoticeBeforeItsPaymentsIsDelivered() throws Exception {
        int pairs = 30;
        int claimers = 8;
        Map<String, String> paymentOfRefund = new ConcurrentHashMap<>();
        for (int i = 0; i < pairs; i++) {
            Pair pair = paidAndRefunded("race-" + i, SHOP, SHOP);
            paymentOfRefund.put(pair.refund(), pair.payment());
        }
        // One clock of events: when each payment's delivery began to be recorded, when each refund was claimed.
        AtomicLong clock = new AtomicLong();
        Map<String, Long> paymentDelivering = new ConcurrentHashMap<>();
        Map<String, Long> refundClaimed = new ConcurrentHashMap<>();
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(claimers)) {
            for (int c = 0; c < claimers; c++) {
                running.add(threads.submit(() -> {
                    go.await();
                    while (delivered() < 2L * pairs) {
                        String token = UUID.randomUUID().toString();
                        for (Entry n : outbox.claimDue(token, NOW, LEASE, 3)) {
                            if (n.notifyType().equals("refund")) {
                                refundClaimed.putIfAbsent(n.syssn(), clock.incrementAndGet());
                                record(n, token, NoticeState.DELIVERED);
                            } else if (tries.merge(n.syssn(), 1, Integer::sum) == 1) {
                                record(n, token, NoticeState.PENDING);
                            } else {
                                paymentDelivering.put(n.syssn(), clock.incrementAndGet());
                                record(n, token, NoticeState.DELIVERED);
                            }
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : running) {
                f.get();
            }
        }

        assertThat(refundClaimed).hasSize(pairs);
        refundClaimed.forEach((refund, claimedAt) -> assertThat(claimedAt)
                .as("refund %s claimed after its payment's notice was delivered", refund)
                .isGreaterThan(paymentDelivering.get(paymentOfRefund.get(refund))));
    }

    /** A successful payment and a refund of part of it, each with its notice (to the given URLs) stored. */
    Pair paidAndRefunded(String outTradeNo, String paymentUrl, String refundUrl) {
        NewPayment request = new NewPayment(300, Currency.HKD, PayType.ALIPAY_ONLINE_WEB, outTradeNo,
                "2026-11-27 10:00:00", ZoneOffset.ofHours(8), 30, "tea", null, null, null, null, null);
        Transaction payment = Transaction.payment(transactions.nextSyssn(NOW.toLocalDate()), NOW, app, merchant, request)
                .withPayUrl("https://alipay.example/gateway.do?x=1");
        assertThat(transactions.insert(payment)).isTrue();
        assertThat(transactions.markPaid(payment.syssn(), RECEIPT, notice(payment.syssn(), "payment", paymentUrl))).isTrue();

        Transaction paid = transactions.bySyssn(payment.syssn()).orElseThrow();
        Transaction refund = Transaction.refund(transactions.nextSyssn(NOW.toLocalDate()), NOW, app, paid,
                new NewRefund(paid.syssn(), "r-" + outTradeNo, 100, "2026-11-27 10:00:00", ZoneOffset.ofHours(8), null,
                        null, null));
        assertThat(transactions.reserveRefund(refund)).isEqualTo(SqlTransactions.RefundReservation.RESERVED);
        assertThat(transactions.completeRefund(refund.syssn(), RECEIPT, notice(refund.syssn(), "refund", refundUrl)))
                .isTrue();
        return new Pair(payment.syssn(), refund.syssn());
    }

    Notice notice(String syssn, String type, String url) {
        return new Notice(app.id(), syssn, type, url, "{\"syssn\":\"" + syssn + "\"}", NOW);
    }

    /** One claimer's round, under a fresh lease token. */
    List<Entry> claim(LocalDateTime at) {
        String token = UUID.randomUUID().toString();
        List<Entry> claimed = outbox.claimDue(token, at, at.plusMinutes(1), 50);
        claimed.forEach(e -> tokens.put(e.syssn(), token));
        return claimed;
    }

    /** Records an attempt on a notice claimed by {@link #claim}, leaving it in {@code state}, due {@code next}. */
    void settle(String syssn, NoticeState state, LocalDateTime next) {
        Entry n = outbox.bySyssn(syssn).orElseThrow();
        assertThat(outbox.recordAttempt(n, tokens.get(syssn), attempt(n, state), state, next)).isTrue();
    }

    void record(Entry n, String token, NoticeState state) {
        assertThat(outbox.recordAttempt(n, token, attempt(n, state), state, NOW)).as("lease of %s", n.syssn()).isTrue();
    }

    static Attempt attempt(Entry n, NoticeState state) {
        boolean ok = state == NoticeState.DELIVERED;
        return new Attempt(n.id(), NOW, ok ? 200 : 500, ok ? "SUCCESS" : "busy", null, 5);
    }

    long delivered() {
        return outbox.list(NoticeState.DELIVERED, 1000).size();
    }

    static List<String> syssns(List<Entry> entries) {
        return entries.stream().map(Entry::syssn).toList();
    }
}
