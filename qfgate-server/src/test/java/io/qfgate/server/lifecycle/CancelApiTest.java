package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET|POST /trade/v1/reversal and /trade/v1/close: cancelling what the shopper has not paid. */
class CancelApiTest {
    static TestGateway gw;
    static Shop shop;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
        shop = Shop.merchant(gw);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static Answer close(String path, String syssn, long txamt) {
        return shop.call(path, params("syssn", syssn, "txamt", Long.toString(txamt), "txdtm", "2026-11-27 10:05:00"));
    }

    @Test
    void closingAnUnpaidOrderStopsTheShopperFromPayingIt() {
        String syssn = shop.order(500, "HKD", "801101");
        String wallet = shop.wallet(syssn);

        Answer answer = close("/trade/v1/close", syssn, 500);

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        assertThat(answer.json()).containsKeys("orig_syssn", "syssn", "out_trade_no", "txamt", "txcurrcd", "txdtm",
                "sysdtm", "chnlsn", "resperr", "respmsg");
        assertThat(answer.field("orig_syssn")).isEqualTo(syssn);
        assertThat(answer.field("syssn")).as("the cancel's own number").matches("\\d{26}").isNotEqualTo(syssn);
        assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1142");
        assertThat(shop.stored(syssn).cancel()).isEqualTo(2);

        long balance = gw.gateway.sandbox().balanceFen("buyer-rich");
        assertThat(Shop.pay(wallet, "buyer-rich")).as("the wallet refuses a closed order").isNotEqualTo(303);
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich")).isEqualTo(balance);
        assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1142");
    }

    @Test
    void reversalByOutTradeNoOverGetWorksLikeClose() {
        String syssn = shop.order(700, "HKD", "801107");
        String outTradeNo = shop.stored(syssn).outTradeNo();
        Map<String, String> p = params("out_trade_no", outTradeNo, "txamt", "700", "txdtm", "2026-11-27 10:05:00");

        Answer answer = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/reversal?" + TestGateway.form(p))))
                .header("X-QF-APPCODE", shop.appCode)
                .header("X-QF-SIGN", QfSignature.signParams(p, shop.clientKey, SignType.MD5))
                .GET());

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        assertThat(answer.field("orig_syssn")).isEqualTo(syssn);
        assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1142");
    }

    @Test
    void closingAgainAnswersAsTheFirstTimeWithTheSameCancelSyssn() {
        String syssn = shop.order(500, "HKD", "801101");
        Answer first = close("/trade/v1/close", syssn, 500);
        Answer again = close("/trade/v1/reversal", syssn, 500);

        assertThat(first.field("respcd")).isEqualTo("0000");
        assertThat(again.field("respcd")).isEqualTo("0000");
        assertThat(again.field("syssn")).isEqualTo(first.field("syssn")).isNotEqualTo(syssn);
        assertThat(again.field("orig_syssn")).isEqualTo(syssn);
    }

    @Test
    void aCancelSyssnIsNeverAnotherTransactionsNumber() {
        String syssn = shop.order(500, "HKD", "801101");
        String cancel = close("/trade/v1/close", syssn, 500).field("syssn");
        String next = shop.order(500, "HKD", "801101");

        assertThat(cancel).isNotEqualTo(next);
        assertThat(new io.qfgate.server.store.SqlTransactions(gw.gateway.database()).bySyssn(cancel)).isEmpty();
    }

    @Test
    void aSuccessfulPaymentCannotBeCancelled() {
        String paid = shop.paidOrder(500, "HKD");

        Answer answer = close("/trade/v1/reversal", paid, 500);

        assertThat(answer.field("respcd")).isEqualTo("1260");
        assertThat(answer.field("resperr")).contains("refund it with /trade/v1/refund");
        assertThat(shop.stored(paid).respcd().code()).isEqualTo("0000");
    }

    @Test
    void hongKongOrdersCannotBeCancelled() {
        String syssn = shop.order(500, "HKD", "801514");

        Answer answer = close("/trade/v1/close", syssn, 500);

        assertThat(answer.field("respcd")).isEqualTo("1250");
        assertThat(answer.field("resperr")).contains("Alipay HK orders cannot be cancelled");
    }

    @Test
    void theAmountMustBeTheOrders() {
        String syssn = shop.order(500, "HKD", "801101");
        Answer answer = close("/trade/v1/close", syssn, 501);
        assertThat(answer.field("respcd")).isEqualTo("1266");
        assertThat(answer.field("resperr")).startsWith("txamt: 501");
        assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1143");
    }

    @Test
    void unknownOrdersAndMissingFieldsAreNamed() {
        assertThat(close("/trade/v1/close", "20261127000000000009999999", 1).field("respcd")).isEqualTo("1268");
        assertThat(shop.call("/trade/v1/close", params("txamt", "1", "txdtm", "2026-11-27 10:05:00")).field("resperr"))
                .isEqualTo("syssn: required (or out_trade_no)");
        String syssn = shop.order(500, "HKD", "801101");
        assertThat(shop.call("/trade/v1/close", params("syssn", syssn, "txdtm", "2026-11-27 10:05:00")).field("resperr"))
                .isEqualTo("txamt: required");
    }

    /**
     * The shopper presses Pay while the merchant closes: whatever the order of events, the
     * gateway and Alipay agree — paid in both (and the close refused), or closed in both.
     */
    @Test
    void payingAndClosingAtOnceEndsInOneOutcome() {
        int paidCount = 0;
        int closedCount = 0;
        for (int round = 0; round < 12; round++) {
            String syssn = shop.order(200, "HKD", "801101");
            String wallet = shop.wallet(syssn);
            long balance = gw.gateway.sandbox().balanceFen("buyer-rich");

            var paying = CompletableFuture.supplyAsync(() -> Shop.pay(wallet, "buyer-rich"));
            var closing = CompletableFuture.supplyAsync(() -> close("/trade/v1/close", syssn, 200).field("respcd"));
            int payStatus = paying.join();
            String closeRespcd = closing.join();

            boolean charged = gw.gateway.sandbox().balanceFen("buyer-rich") < balance;
            if (charged) {
                assertThat(payStatus).isEqualTo(303);
                assertThat(closeRespcd).isEqualTo("1260");
                await().atMost(Duration.ofSeconds(20)).until(() -> shop.stored(syssn).respcd().code().equals("0000"));
                paidCount++;
            } else {
                assertThat(closeRespcd).isEqualTo("0000");
                assertThat(payStatus).isNotEqualTo(303);
                assertThat(shop.stored(syssn).respcd().code()).isEqualTo("1142");
                closedCount++;
            }
        }
        assertThat(paidCount + closedCount).isEqualTo(12);
    }

    @Test
    void repeatingTheRequestOfAClosedOrderAnswers1142AndNoPayUrl() {
        Map<String, String> order = TestGateway.payment("repeat-closed-" + System.nanoTime());
        String syssn = shop.call("/trade/v1/payment", order).field("syssn");
        assertThat(close("/trade/v1/close", syssn, 300).field("respcd")).isEqualTo("0000");

        Answer again = shop.call("/trade/v1/payment", order);

        assertThat(again.field("respcd")).isEqualTo("1142");
        assertThat(again.field("resperr")).contains("was closed");
        assertThat(again.field("syssn")).isEqualTo(syssn);
        assertThat(again.field("pay_url")).isEmpty();
    }

    @Test
    void repeatingTheRequestOfAnExpiredOrderAnswers1181AndNoPayUrl() {
        Map<String, String> order = TestGateway.payment("repeat-expired-" + System.nanoTime());
        String syssn = shop.call("/trade/v1/payment", order).field("syssn");
        gw.clock.advance(Duration.ofMinutes(31));
        gw.gateway.payments().expireDue(100);
        try {
            Answer again = shop.call("/trade/v1/payment", order);

            assertThat(again.field("respcd")).isEqualTo("1181");
            assertThat(again.field("resperr")).contains("has expired");
            assertThat(again.field("syssn")).isEqualTo(syssn);
            assertThat(again.field("pay_url")).isEmpty();
        } finally {
            gw.clock.advance(Duration.ofMinutes(-31));
        }
    }

    @Test
    void anExpiredOrderIsNotCancelledButReportedExpired() {
        String syssn = shop.order(500, "HKD", "801101");
        gw.clock.advance(Duration.ofMinutes(31));
        gw.gateway.payments().expireDue(100);
        try {
            Answer answer = close("/trade/v1/close", syssn, 500);
            assertThat(answer.field("respcd")).isEqualTo("1181");
        } finally {
            gw.clock.advance(Duration.ofMinutes(-31));
        }
    }
}
