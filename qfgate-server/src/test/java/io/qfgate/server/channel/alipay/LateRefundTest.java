package io.qfgate.server.channel.alipay;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.PaymentService.PaidOutcome;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlTransactions;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The automatic refund of a late payment (docs/api.md, "Late payments for closed or expired
 * orders") against a fake Alipay: when Alipay cannot be reached the refund stays pending (1145)
 * and the refund sweep finishes it; however often, and however concurrently, the payment is
 * reported, it is recorded and refunded once.
 */
class LateRefundTest extends OnFakeAlipay {
    static final Receipt RECEIPT = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 6), "2026112722001400000000000077",
            "2088000000000099", "0.9150", 275L, Currency.CNY);
    static final ChannelStatus.Paid PAID = new ChannelStatus.Paid(300, Currency.HKD, RECEIPT);

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aRefundAlipayCannotTakeYetStaysPendingUntilTheSweepFinishesIt(String db) {
        start(db);
        String syssn = closedOrder("late-retry");
        alipay.answer = p -> {
            throw new IllegalStateException("Alipay unreachable"); // the connection drops unanswered
        };

        assertThat(gw.gateway.payments().recordPaid(syssn, PAID)).isEqualTo(PaidOutcome.RECORDED_LATE);

        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        assertThat(stored(syssn).cancel()).isEqualTo(3);
        assertThat(queried(lateRefund(syssn).syssn()).get("respcd")).as("visible as pending").isEqualTo("1145");
        assertThat(gw.gateway.refunds().settlePending(100)).as("still unreachable").isZero();

        alipay.answer = p -> FakeAlipay.signed("refund", FakeAlipay.refunded(p.get("out_return_no"),
                p.get("out_trade_no"), p.get("return_amount"), p.get("currency")), key);
        assertThat(gw.gateway.refunds().settlePending(100)).isEqualTo(1);

        assertThat(lateRefund(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        assertThat(queried(lateRefund(syssn).syssn()).get("respcd")).isEqualTo("0000");
        assertThat(stored(syssn).refundedAmount()).isEqualTo(300L);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aLatePaymentReportedTwiceOrConcurrentlyIsRecordedAndRefundedOnce(String db) throws Exception {
        start(db);
        String syssn = closedOrder("late-race");
        alipay.answer = p -> FakeAlipay.signed("refund", FakeAlipay.refunded(p.get("out_return_no"),
                p.get("out_trade_no"), p.get("return_amount"), p.get("currency")), key);

        // The notification and the sweep's query, at the same moment.
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<PaidOutcome>> reports = List.of(report(syssn, go), report(syssn, go));
        go.countDown();
        List<PaidOutcome> outcomes = reports.stream().map(CompletableFuture::join).toList();
        assertThat(outcomes).containsExactlyInAnyOrder(PaidOutcome.RECORDED_LATE, PaidOutcome.ALREADY_RECORDED);
        assertThat(gw.gateway.payments().recordPaid(syssn, PAID)).as("Alipay resends").isEqualTo(PaidOutcome.ALREADY_RECORDED);

        assertThat(alipay.requests).filteredOn(p -> "forex_refund".equals(p.get("service"))).hasSize(1);
        assertThat(stored(syssn).refundedAmount()).isEqualTo(300L);
        assertThat(lateRefund(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        List<?> all = (List<?>) gw.post("/trade/v1/query", Map.of(), gw.demo().merchant().app_code(),
                gw.demo().merchant().client_key()).json().get("data");
        assertThat(all).as("the payment and one refund").hasSize(2);
    }

    CompletableFuture<PaidOutcome> report(String syssn, CountDownLatch go) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return gw.gateway.payments().recordPaid(syssn, PAID);
        });
    }

    /** An order closed with /trade/v1/close before Alipay had seen it (TRADE_NOT_EXIST). */
    String closedOrder(String outTradeNo) {
        var m = gw.demo().merchant();
        var created = gw.post("/trade/v1/payment", payment(outTradeNo), m.app_code(), m.client_key());
        String syssn = created.field("syssn");
        alipay.answer = p -> FakeAlipay.failure("TRADE_NOT_EXIST");
        var closed = gw.post("/trade/v1/close", Map.of("syssn", syssn, "txamt", "300", "txdtm", "2026-11-27 10:05:00"),
                m.app_code(), m.client_key());
        assertThat(closed.field("respcd")).as(closed.field("resperr")).isEqualTo("0000");
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.ORDER_CLOSED);
        return syssn;
    }

    Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }

    Transaction lateRefund(String syssn) {
        return new SqlTransactions(gw.gateway.database())
                .byOutTradeNo(stored(syssn).merchantId(), Transaction.LATE_REFUND_PREFIX + syssn).orElseThrow();
    }

    /** The transaction as /trade/v1/query shows it. */
    Map<?, ?> queried(String syssn) {
        var answer = gw.post("/trade/v1/query", Map.of("syssn", syssn), gw.demo().merchant().app_code(),
                gw.demo().merchant().client_key());
        return (Map<?, ?>) ((List<?>) answer.json().get("data")).getFirst();
    }
}
