package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Where a refund is announced: the refund request's {@code notify_url}, else the payment's, else
 * the merchant's, else the app's. Each test sets its level and every level below it, so the
 * notice must go to the first and nowhere else. Real payments (sandbox wallet) and real refunds.
 */
class RefundNotificationUrlTest {
    TestGateway gw;
    final MerchantEndpoint refundUrl = ok();
    final MerchantEndpoint paymentUrl = ok();
    final MerchantEndpoint merchantUrl = ok();
    final MerchantEndpoint appUrl = ok();

    static MerchantEndpoint ok() {
        return new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS"));
    }

    @BeforeEach
    void start() {
        gw = new TestGateway(TestDatabases.H2, c -> c.withDelivery(c.delivery().manual()));
    }

    @AfterEach
    void stop() {
        gw.close();
        for (MerchantEndpoint e : List.of(refundUrl, paymentUrl, merchantUrl, appUrl)) {
            e.close();
        }
    }

    @Test
    void theRefundRequestsNotifyUrlComesFirst() {
        setAppUrl();
        setMerchantUrl();
        String paid = paidPayment(paymentUrl.url());

        String refund = refund(paid, refundUrl.url());

        assertRefundNoticeOnlyAt(refundUrl, refund, paid);
    }

    @Test
    void withoutOneTheRefundGoesToThePaymentsNotifyUrl() {
        setAppUrl();
        setMerchantUrl();
        String paid = paidPayment(paymentUrl.url());

        String refund = refund(paid, null);

        assertRefundNoticeOnlyAt(paymentUrl, refund, paid);
    }

    @Test
    void withoutEitherTheRefundGoesToTheMerchantsUrl() {
        setAppUrl();
        setMerchantUrl();
        String paid = paidPayment(null);

        String refund = refund(paid, null);

        assertRefundNoticeOnlyAt(merchantUrl, refund, paid);
    }

    @Test
    void lastTheRefundGoesToTheAppsUrl() {
        setAppUrl();
        String paid = paidPayment(null);

        String refund = refund(paid, null);

        assertRefundNoticeOnlyAt(appUrl, refund, paid);
    }

    void setAppUrl() {
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateApp(apps.byAppCode(gw.demo().merchant().app_code()).orElseThrow().id(), null, appUrl.url(),
                null, null, null);
    }

    void setMerchantUrl() {
        SqlApps apps = new SqlApps(gw.gateway.database());
        long appId = apps.byAppCode(gw.demo().merchant().app_code()).orElseThrow().id();
        apps.updateMerchant(apps.merchantOfApp(appId).orElseThrow().id(),
                new SqlApps.NewMerchant(null, null, null, null, merchantUrl.url()), null);
    }

    /** A payment (with this notify_url, or none) that a sandbox buyer paid through the wallet. */
    String paidPayment(String notifyUrl) {
        var m = gw.demo().merchant();
        Map<String, String> p = payment("pay-" + System.nanoTime());
        if (notifyUrl != null) {
            p.put("notify_url", notifyUrl);
        }
        var answer = gw.post("/trade/v1/payment", p, m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        String syssn = answer.field("syssn");
        var stored = new SqlTransactions(gw.gateway.database());
        assertThat(Wallet.pay(Wallet.open(stored.bySyssn(syssn).orElseThrow().payUrl()), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stored.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
        return syssn;
    }

    /** Refunds 100 of the payment through the API (with this notify_url, or none); the refund's syssn. */
    String refund(String paid, String notifyUrl) {
        var m = gw.demo().merchant();
        Map<String, String> p = new LinkedHashMap<>(Map.of("syssn", paid, "out_trade_no", "refund-" + System.nanoTime(),
                "txamt", "100", "txdtm", "2026-11-27 11:00:00"));
        if (notifyUrl != null) {
            p.put("notify_url", notifyUrl);
        }
        var answer = gw.post("/trade/v1/refund", p, m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }

    void assertRefundNoticeOnlyAt(MerchantEndpoint expected, String refundSyssn, String paid) {
        while (gw.gateway.dispatcher().deliverDue() > 0) {
            // Payment and refund notices, however many batches they take.
        }
        var verifier = new NotificationVerifier(gw.demo().merchant().client_key());
        for (MerchantEndpoint endpoint : List.of(refundUrl, paymentUrl, merchantUrl, appUrl)) {
            List<Notification> refunds = endpoint.received.stream().map(r -> verifier.verify(r.body(), r.sign()))
                    .filter(Notification::isRefund).toList();
            if (endpoint == expected) {
                assertThat(refunds).as("the refund notice").singleElement().satisfies(n -> {
                    assertThat(n.syssn()).isEqualTo(refundSyssn);
                    assertThat(n.origssn()).isEqualTo(paid);
                    assertThat(n.txamt()).isEqualTo("100");
                });
            } else {
                assertThat(refunds).as("no refund notice at " + endpoint.url()).isEmpty();
            }
        }
    }
}
