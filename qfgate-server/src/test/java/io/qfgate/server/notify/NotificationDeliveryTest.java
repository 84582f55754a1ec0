package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.protocol.Currency;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores.Outbox;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlNotifications;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Merchant notifications: signed, sent to the right URL, retried on QFPay's schedule (driven by
 * the injected clock, the dispatcher run by hand), given up after the last retry.
 */
class NotificationDeliveryTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 10, 0);

    TestGateway gw;
    MerchantEndpoint merchant;

    void start(MerchantEndpoint endpoint, UnaryOperator<Dispatcher.Settings> delivery) {
        merchant = endpoint;
        gw = new TestGateway(TestDatabases.H2, c -> c.withDelivery(delivery.apply(c.delivery().manual())));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (merchant != null) {
            merchant.close();
        }
    }

    SqlNotifications outbox() {
        return new SqlNotifications(gw.gateway.database());
    }

    /** A payment of the demo merchant that the channel reports paid, with this notify_url. */
    String paidPayment(String notifyUrl) {
        Map<String, String> p = payment("n-" + System.nanoTime());
        p.put("goods_name", "港式奶茶");
        if (notifyUrl != null) {
            p.put("notify_url", notifyUrl);
        }
        var m = gw.demo().merchant();
        String syssn = gw.post("/trade/v1/payment", p, m.app_code(), m.client_key()).field("syssn");
        Receipt receipt = new Receipt(T0, "2026112722001400000000000009", "2088000000000001", "0.9150", 275L, Currency.CNY);
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, receipt));
        return syssn;
    }

    @Test
    void aSuccessfulPaymentIsAnnouncedSignedWithTheClientKey() {
        start(new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS")), UnaryOperator.identity());
        String syssn = paidPayment(merchant.url());

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        assertThat(merchant.received).hasSize(1);
        var got = merchant.received.getFirst();
        assertThat(got.contentType()).isEqualTo("application/json");
        Notification n = new NotificationVerifier(gw.demo().merchant().client_key()).verify(got.body(), got.sign());
        assertThat(n.notifyType()).isEqualTo("payment");
        assertThat(n.syssn()).isEqualTo(syssn);
        assertThat(n.status()).isEqualTo("1");
        assertThat(n.respcd()).isEqualTo("0000");
        assertThat(n.txamt()).isEqualTo("300");
        assertThat(n.txcurrcd()).isEqualTo("HKD");
        assertThat(n.paydtm()).isEqualTo("2026-11-27 10:00:00");
        assertThat(n.chnlsn()).isEqualTo("2026112722001400000000000009");
        assertThat(n.cardcd()).isEqualTo("2088000000000001");
        assertThat(n.cashFee()).isEqualTo("275");
        assertThat(n.cashFeeType()).isEqualTo("CNY");
        assertThat(n.goodsName()).isEqualTo("港式奶茶");
        assertThat(n.raw()).doesNotContainKey("mchid");
        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(gw.gateway.dispatcher().deliverDue()).as("delivered once, never again").isZero();
    }

    @Test
    void failedAttemptsFollowQfpaysScheduleAndOneFinalDeliveryIsRecorded() {
        // Refused three ways (server error, wrong answer, redirect not followed), then acknowledged.
        start(new MerchantEndpoint(n -> switch (n) {
            case 1 -> MerchantEndpoint.Reply.of(500, "oops");
            case 2 -> MerchantEndpoint.Reply.of(200, "OK");
            case 3 -> new MerchantEndpoint.Reply(302, "", "http://127.0.0.1:9/elsewhere");
            default -> MerchantEndpoint.Reply.of(200, "SUCCESS");
        }), UnaryOperator.identity());
        String syssn = paidPayment(merchant.url());

        List<Duration> waits = List.of(Duration.ZERO, Duration.ofMinutes(2), Duration.ofMinutes(10), Duration.ofMinutes(10));
        for (Duration wait : waits) {
            gw.clock.advance(wait.minusSeconds(1).isNegative() ? Duration.ZERO : wait.minusSeconds(1));
            if (!wait.isZero()) {
                assertThat(gw.gateway.dispatcher().deliverDue()).as("not due a second early").isZero();
                gw.clock.advance(Duration.ofSeconds(1));
            }
            assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);
        }

        var n = outbox().bySyssn(syssn).orElseThrow();
        var attempts = outbox().attempts(n.id());
        assertThat(attempts).extracting(Outbox.Attempt::attemptedAt).containsExactly(
                T0, T0.plusMinutes(2), T0.plusMinutes(12), T0.plusMinutes(22));
        assertThat(attempts).extracting(Outbox.Attempt::httpStatus).containsExactly(500, 200, 302, 200);
        assertThat(attempts).extracting(Outbox.Attempt::answer).containsExactly("oops", "OK", "", "SUCCESS");
        assertThat(n.state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(merchant.received).hasSize(4);
        assertThat(attempts.stream().filter(a -> "SUCCESS".equals(a.answer()))).hasSize(1);

        gw.clock.advance(Duration.ofDays(2));
        assertThat(gw.gateway.dispatcher().deliverDue()).isZero();
    }

    @Test
    void afterTheLastRetryItIsFailedAndCanBeResent() {
        boolean[] healthy = {false};
        start(new MerchantEndpoint(n -> healthy[0] ? MerchantEndpoint.Reply.of(200, "SUCCESS")
                : MerchantEndpoint.Reply.of(503, "down")), UnaryOperator.identity());
        String syssn = paidPayment(merchant.url());

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);
        for (Duration wait : Dispatcher.RETRY_AFTER) {
            gw.clock.advance(wait);
            assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);
        }
        var n = outbox().bySyssn(syssn).orElseThrow();
        assertThat(n.state()).isEqualTo(NoticeState.FAILED);
        assertThat(n.attempts()).isEqualTo(8);
        gw.clock.advance(Duration.ofDays(3));
        assertThat(gw.gateway.dispatcher().deliverDue()).isZero();

        healthy[0] = true;
        assertThat(outbox().resend(null, LocalDateTime.of(2026, 11, 30, 12, 0))).isEqualTo(1);
        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);
        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(merchant.received).hasSize(9);
    }

    @Test
    void refundsAreAnnouncedToo() {
        start(new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS")), UnaryOperator.identity());
        var m = gw.demo().merchant();
        new SqlApps(gw.gateway.database()).updateApp(
                new SqlApps(gw.gateway.database()).byAppCode(m.app_code()).orElseThrow().id(), null, merchant.url(),
                null, null, null);
        // A real payment through the sandbox wallet, then a real refund through Alipay's forex_refund.
        String syssn = gw.post("/trade/v1/payment", payment("to-refund"), m.app_code(), m.client_key()).field("syssn");
        String payUrl = new io.qfgate.server.store.SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow().payUrl();
        String wallet = io.qfgate.server.Wallet.open(payUrl);
        assertThat(io.qfgate.server.Wallet.pay(wallet, "buyer-rich")).isEqualTo(303);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
                outbox().bySyssn(syssn).isPresent());
        var refund = gw.post("/trade/v1/refund", Map.of("syssn", syssn, "out_trade_no", "the-refund", "txamt", "100",
                "txdtm", "2026-11-27 11:00:00"), m.app_code(), m.client_key());
        assertThat(refund.field("respcd")).isEqualTo("0000");

        assertThat(gw.gateway.dispatcher().deliverDue()).as("the payment's notice; the refund's waits for it").isEqualTo(1);
        assertThat(gw.gateway.dispatcher().deliverDue()).as("then the refund's").isEqualTo(1);

        var verifier = new NotificationVerifier(m.client_key());
        var refundNotice = merchant.received.stream().map(r -> verifier.verify(r.body(), r.sign()))
                .filter(Notification::isRefund).findFirst().orElseThrow();
        assertThat(refundNotice.syssn()).isEqualTo(refund.field("syssn"));
        assertThat(refundNotice.origssn()).isEqualTo(syssn);
        assertThat(refundNotice.txamt()).isEqualTo("100");
        assertThat(refundNotice.cashRefundFeeType()).isEqualTo("CNY");
    }

    @Test
    void agentsNoticesNameTheSubMerchantAndGoToItsUrl() {
        start(new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS")), UnaryOperator.identity());
        var agent = gw.demo().agent();
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateMerchant(apps.merchantByMchid(agent.mchid()).orElseThrow().id(),
                new SqlApps.NewMerchant(null, null, null, null, merchant.url()), null);
        Map<String, String> p = payment("agent-n");
        p.put("mchid", agent.mchid());
        String syssn = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key()).field("syssn");
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD,
                new Receipt(T0, "x", "y", "0.9150", 275L, Currency.CNY)));

        gw.gateway.dispatcher().deliverDue();

        var n = new NotificationVerifier(agent.client_key()).verify(merchant.received.getFirst().body(),
                merchant.received.getFirst().sign());
        assertThat(n.mchid()).isEqualTo(agent.mchid());
    }

    @Test
    void withoutAnyNotifyUrlNothingIsQueued() {
        start(new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS")), UnaryOperator.identity());
        String syssn = paidPayment(null);
        assertThat(outbox().bySyssn(syssn)).isEmpty();
        assertThat(gw.gateway.dispatcher().deliverDue()).isZero();
    }

    @Test
    void theProductionPolicyRefusesLoopbackAndOtherPorts() {
        start(new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS")),
                s -> s.withTargets(TargetPolicy.PRODUCTION));
        // Set where the API cannot refuse it: the app's URL, as the command line stores it.
        var m = gw.demo().merchant();
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateApp(apps.byAppCode(m.app_code()).orElseThrow().id(), null, merchant.url(), null, null, null);
        String syssn = paidPayment(null);

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        assertThat(merchant.received).as("nothing was sent").isEmpty();
        var attempt = outbox().attempts(outbox().bySyssn(syssn).orElseThrow().id()).getFirst();
        assertThat(attempt.error()).startsWith("target refused: port ");
        assertThat(attempt.httpStatus()).isNull();
    }
}
