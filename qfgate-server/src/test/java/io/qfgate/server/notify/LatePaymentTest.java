package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.Transaction;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Late payments (docs/api.md, "Late payments for closed or expired orders"): at Alipay an order
 * exists only once the shopper opens its page, so an order the gateway closed or expired before
 * that can still be paid. The money is never dropped: the payment is recorded (0000, cancel 3),
 * refunded in full by the gateway's own refund, and both announced, payment first.
 */
class LatePaymentTest {
    TestGateway gw;
    final MerchantEndpoint merchant = new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS"));

    void start(String db) {
        // Manual delivery, one notice at a time, so the test sees the order they go out in.
        gw = new TestGateway(db, c -> c.withDelivery(oneByOne(c.delivery().manual())));
    }

    static Dispatcher.Settings oneByOne(Dispatcher.Settings s) {
        return new Dispatcher.Settings(s.targets(), s.connectTimeout(), s.answerTimeout(), s.lease(), 1, s.pollEvery(),
                s.sendAtOnce());
    }

    @AfterEach
    void stop() {
        gw.close();
        merchant.close();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void anOrderClosedBeforeItWasOpenedAndPaidAnywayIsRecordedAndRefunded(String db) {
        start(db);
        String syssn = order("late-close", Map.of());
        var closed = gw.post("/trade/v1/close", Map.of("syssn", syssn, "txamt", "300", "txdtm", "2026-11-27 10:05:00"),
                gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
        assertThat(closed.field("respcd")).as(closed.field("resperr")).isEqualTo("0000");
        assertThat(gw.stored(syssn).respcd()).isEqualTo(Respcd.ORDER_CLOSED);
        long balance = gw.gateway.sandbox().balanceFen("buyer-rich");

        assertThat(Wallet.pay(Wallet.open(gw.stored(syssn).payUrl()), "buyer-rich"))
                .as("Alipay had never seen the order, so closing it did not stop the payment").isEqualTo(303);

        assertRecordedAndRefunded(syssn, "closed");
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich")).as("the shopper has the money back").isEqualTo(balance);
        assertPaymentThenRefundNoticed(syssn);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void anOrderExpiredHereAndPaidAnywayIsRecordedAndRefunded(String db) {
        start(db);
        String syssn = order("late-expire", Map.of("expired_time", "5"));
        gw.clock.advance(Duration.ofMinutes(6));
        assertThat(gw.gateway.payments().expireDue(100)).as("never opened, so expired here").isEqualTo(1);
        assertThat(gw.stored(syssn).respcd()).isEqualTo(Respcd.ORDER_EXPIRED);

        // Alipay's clock runs behind the gateway's: there the order is still valid for a minute.
        gw.clock.advance(Duration.ofMinutes(-2));
        assertThat(Wallet.pay(Wallet.open(gw.stored(syssn).payUrl()), "buyer-rich")).isEqualTo(303);

        assertRecordedAndRefunded(syssn, "expired");
        assertPaymentThenRefundNoticed(syssn);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aPaymentNoticeTheMerchantFailsAtFirstStillArrivesBeforeItsRefunds(String db) {
        MerchantEndpoint failingFirst = new MerchantEndpoint(n -> n == 1 ? MerchantEndpoint.Reply.of(500, "busy")
                : MerchantEndpoint.Reply.of(200, "SUCCESS"));
        // Whole batches this time: the outbox itself must hold the refund's notice back.
        gw = new TestGateway(db, c -> c.withDelivery(c.delivery().manual()));
        try {
            String syssn = order("late-retry", Map.of("notify_url", failingFirst.url()));
            var closed = gw.post("/trade/v1/close", Map.of("syssn", syssn, "txamt", "300", "txdtm", "2026-11-27 10:05:00"),
                    gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
            assertThat(closed.field("respcd")).as(closed.field("resperr")).isEqualTo("0000");
            assertThat(Wallet.pay(Wallet.open(gw.stored(syssn).payUrl()), "buyer-rich")).isEqualTo(303);
            assertRecordedAndRefunded(syssn, "closed");

            assertThat(gw.gateway.dispatcher().deliverDue()).as("the payment's notice only, answered 500").isEqualTo(1);
            assertThat(gw.gateway.dispatcher().deliverDue()).as("the refund's waits for the payment's retry").isZero();
            gw.clock.advance(Dispatcher.RETRY_AFTER.getFirst());
            while (gw.gateway.dispatcher().deliverDue() > 0) {
                // the payment's retry, then the refund's
            }

            var verifier = new NotificationVerifier(gw.demo().merchant().client_key());
            List<Notification> notices = failingFirst.received.stream().map(r -> verifier.verify(r.body(), r.sign()))
                    .toList();
            assertThat(notices).extracting(Notification::isRefund).containsExactly(false, false, true);
            assertThat(notices).extracting(n -> n.isRefund() ? n.origssn() : n.syssn()).containsOnly(syssn);
        } finally {
            failingFirst.close();
        }
    }

    String order(String outTradeNo, Map<String, String> extra) {
        Map<String, String> p = payment(outTradeNo);
        p.put("notify_url", merchant.url());
        p.putAll(extra);
        var answer = gw.post("/trade/v1/payment", p, gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }


    void assertRecordedAndRefunded(String syssn, String how) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gw.stored(syssn).respcd() == Respcd.SUCCESS
                && gw.lateRefundOf(syssn).respcd() == Respcd.SUCCESS);
        Transaction paid = gw.stored(syssn);
        assertThat(paid.receipt().chnlsn()).as("Alipay's trade number").matches("\\d{28}");
        assertThat(paid.refundedAmount()).isEqualTo(300L);
        assertThat(paid.cancel()).as("refunded in full").isEqualTo(3);
        assertThat(paid.errmsg()).contains("paid after the order was " + how);

        Transaction refund = gw.lateRefundOf(syssn);
        assertThat(refund.origSyssn()).isEqualTo(syssn);
        assertThat(refund.txamt()).isEqualTo(300L);
        assertThat(refund.receipt()).isNotNull();

        var query = gw.post("/trade/v1/query", Map.of("syssn", syssn + "," + refund.syssn()),
                gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
        assertThat(query.json().get("data")).asList().hasSize(2);
    }

    /** Delivers the outbox one notice at a time: the payment's notice, then the refund's. */
    void assertPaymentThenRefundNoticed(String syssn) {
        while (gw.gateway.dispatcher().deliverDue() > 0) {
            // one notice per batch
        }
        var verifier = new NotificationVerifier(gw.demo().merchant().client_key());
        List<Notification> notices = merchant.received.stream().map(r -> verifier.verify(r.body(), r.sign())).toList();
        assertThat(notices).hasSize(2);
        assertThat(notices.get(0).isRefund()).isFalse();
        assertThat(notices.get(0).syssn()).isEqualTo(syssn);
        assertThat(notices.get(0).respcd()).isEqualTo("0000");
        assertThat(notices.get(0).cancel()).isEqualTo("3");
        assertThat(notices.get(1).isRefund()).isTrue();
        assertThat(notices.get(1).origssn()).isEqualTo(syssn);
        assertThat(notices.get(1).txamt()).isEqualTo("300");
    }
}
