package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /trade/v1/refund: refunds carried out through Alipay's forex_refund, on each database. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefundApiTest {
    @Parameter
    String db;

    TestGateway gw;
    Shop shop;
    int n;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        shop = Shop.merchant(gw);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    Answer refund(String syssn, long txamt, String outTradeNo) {
        return shop.call("/trade/v1/refund", params("syssn", syssn, "out_trade_no", outTradeNo,
                "txamt", Long.toString(txamt), "txdtm", "2026-11-27 11:00:00"));
    }

    Answer refund(String syssn, long txamt) {
        return refund(syssn, txamt, "refund-" + db + "-" + n++);
    }

    @Test
    void aFullRefundGoesBackToTheShoppersWallet() {
        String paid = shop.paidOrder(1000, "HKD");
        long balance = gw.gateway.sandbox().balanceFen("buyer-rich");

        Answer answer = refund(paid, 1000);

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        assertThat(answer.json()).containsKeys("syssn", "orig_syssn", "out_trade_no", "txamt", "txcurrcd", "sysdtm",
                "txdtm", "paydtm", "udid", "chnlsn", "cardcd", "cash_fee", "cash_fee_type", "cash_refund_fee",
                "cash_refund_fee_type");
        assertThat(answer.field("orig_syssn")).isEqualTo(paid);
        assertThat(answer.field("syssn")).isNotEqualTo(paid).matches("\\d{26}");
        assertThat(answer.field("txcurrcd")).isEqualTo("HKD");
        assertThat(answer.field("cash_refund_fee")).isEqualTo("915"); // HKD 10.00 at 0.9150
        assertThat(answer.field("cash_refund_fee_type")).isEqualTo("CNY");
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich") - balance).isEqualTo(915);
        assertThat(shop.stored(paid).cancel()).as("refunded in full").isEqualTo(3);

        Transaction stored = shop.stored(answer.field("syssn"));
        assertThat(stored.isRefund()).isTrue();
        assertThat(stored.origSyssn()).isEqualTo(paid);
    }

    @Test
    void partialRefundsAddUpToTheOriginalAndNoFurther() {
        String paid = shop.paidOrder(1000, "HKD");

        assertThat(refund(paid, 300).field("respcd")).isEqualTo("0000");
        assertThat(shop.stored(paid).cancel()).as("partly refunded").isEqualTo(5);
        assertThat(refund(paid, 600).field("respcd")).isEqualTo("0000");

        Answer tooMuch = refund(paid, 101);
        assertThat(tooMuch.field("respcd")).isEqualTo("1272");
        assertThat(tooMuch.field("resperr")).isEqualTo("txamt: 101 is more than the 100 still refundable of payment " + paid);

        assertThat(refund(paid, 100).field("respcd")).isEqualTo("0000");
        assertThat(shop.stored(paid).refundedAmount()).isEqualTo(1000);
        assertThat(shop.stored(paid).cancel()).isEqualTo(3);
    }

    @Test
    void aFullyRefundedPaymentAnswers1125NotAnAmountError() {
        String paid = shop.paidOrder(1000, "HKD");
        assertThat(refund(paid, 1000).field("respcd")).isEqualTo("0000");

        Answer again = refund(paid, 1);

        assertThat(again.field("respcd")).isEqualTo("1125");
        assertThat(again.field("resperr")).isEqualTo("syssn: payment " + paid
                + " has been refunded in full (counting refunds still being confirmed); nothing is left to refund");
        assertThat(shop.stored(paid).refundedAmount()).isEqualTo(1000);
    }

    @Test
    void onlySuccessfulPaymentsCanBeRefunded() {
        String unpaid = shop.order(500, "HKD", "801101");

        Answer answer = refund(unpaid, 500);

        assertThat(answer.field("respcd")).isEqualTo("1261");
        assertThat(answer.field("resperr")).contains("only successful payments can be refunded");
    }

    @Test
    void unknownOrForeignPaymentsAreNotFound() {
        assertThat(refund("20261127000000000009999999", 1).field("respcd")).isEqualTo("1268");

        String agentsPayment = Shop.agent(gw).paidOrder(200, "HKD");
        Answer foreign = refund(agentsPayment, 100);
        assertThat(foreign.field("respcd")).isEqualTo("1268");
        assertThat(foreign.field("resperr")).startsWith("syssn: no payment");
    }

    @Test
    void repeatingARefundReturnsItAndRefundsOnce() {
        String paid = shop.paidOrder(1000, "HKD");
        long balance = gw.gateway.sandbox().balanceFen("buyer-rich");

        Answer first = refund(paid, 400, "same-refund-" + db);
        Answer again = refund(paid, 400, "same-refund-" + db);

        assertThat(again.field("respcd")).isEqualTo("0000");
        assertThat(again.field("syssn")).isEqualTo(first.field("syssn"));
        assertThat(shop.stored(paid).refundedAmount()).isEqualTo(400);
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich") - balance).isEqualTo(366); // 4.00 × 0.915

        Answer otherAmount = refund(paid, 300, "same-refund-" + db);
        assertThat(otherAmount.field("respcd")).isEqualTo("1102");
    }

    @Test
    void aRefundsOutTradeNoMustDifferFromEveryPaymentsAndRefunds() {
        String paid = shop.paidOrder(1000, "HKD");
        String paymentsOwnNo = shop.stored(paid).outTradeNo();

        Answer answer = refund(paid, 100, paymentsOwnNo);

        assertThat(answer.field("respcd")).isEqualTo("1102");
        assertThat(answer.field("resperr")).startsWith("out_trade_no:");
    }

    @Test
    void refusesBadFieldsByName() {
        String paid = shop.paidOrder(1000, "HKD");
        assertThat(shop.call("/trade/v1/refund", params("syssn", paid, "txamt", "1", "txdtm", "2026-11-27 11:00:00"))
                .field("resperr")).isEqualTo("out_trade_no: required");
        assertThat(shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "r-x", "txamt", "0",
                "txdtm", "2026-11-27 11:00:00")).field("resperr")).isEqualTo("txamt: must be greater than 0");
        assertThat(shop.call("/trade/v1/refund", params("out_trade_no", "r-y", "txamt", "1",
                "txdtm", "2026-11-27 11:00:00")).field("resperr")).isEqualTo("syssn: required");
        assertThat(shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "r-z", "txamt", "1",
                "txdtm", "yesterday")).field("respcd")).isEqualTo("1104");
    }

    /**
     * Many simultaneous refunds of one payment: exactly as many succeed as fit, the refunded total
     * never passes the amount paid, and every refund is either done once or refused — none lost.
     */
    @Test
    void concurrentRefundsNeverExceedTheOriginal() throws Exception {
        String paid = shop.paidOrder(1000, "HKD");
        long balance = gw.gateway.sandbox().balanceFen("buyer-rich");
        List<Callable<Answer>> racers = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String outTradeNo = "race-refund-" + db + "-" + i;
            racers.add(() -> refund(paid, 100, outTradeNo));
        }
        ExecutorService pool = Executors.newFixedThreadPool(24);
        int done = 0;
        int refused = 0;
        for (Future<Answer> f : pool.invokeAll(racers)) {
            switch (f.get().field("respcd")) {
                case "0000" -> done++;
                case "1272", "1125" -> refused++;
                default -> throw new AssertionError("unexpected " + f.get().json());
            }
        }
        pool.shutdown();

        assertThat(done).isEqualTo(10);
        assertThat(refused).isEqualTo(14);
        assertThat(shop.stored(paid).refundedAmount()).isEqualTo(1000);
        long storedRefunds = gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COALESCE(SUM(txamt), 0) FROM transactions WHERE orig_syssn = :s AND respcd = '0000'")
                .bind("s", paid).mapTo(Long.class).one());
        assertThat(storedRefunds).isEqualTo(1000);
        assertThat(gw.gateway.sandbox().balanceFen("buyer-rich") - balance).as("Alipay refunded exactly once each")
                .isEqualTo(915);
    }
}
