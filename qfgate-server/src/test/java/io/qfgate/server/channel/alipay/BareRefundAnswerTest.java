package io.qfgate.server.channel.alipay;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.PaymentService.PaidOutcome;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlTransactions;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Alipay's forex_refund answers a refund it accepted with a bare, unsigned
 * {@code <alipay><is_success>T</is_success></alipay>}, as its documentation describes: that is a
 * done refund, not one left pending (1145) forever. A refusal ({@code is_success F}) stays refused.
 */
class BareRefundAnswerTest extends OnFakeAlipay {
    static final Receipt RECEIPT = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 1), "2026112722001400000000000002",
            "2088000000000001", "0.9150", 275L, Currency.CNY);

    @Override
    void start(String db) {
        super.start(db);
        alipay.answer = p -> p.get("service").equals("forex_refund") ? FakeAlipay.bareSuccess()
                : FakeAlipay.failure("TRADE_NOT_EXIST");
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aBareIsSuccessToAMerchantsRefundIsARefundDone(String db) {
        start(db);
        String paid = paidOrder("bare-refund");

        TestGateway.Answer refund = refund(paid, "r-bare", 100);

        assertThat(refund.field("respcd")).as(refund.field("resperr")).isEqualTo("0000");
        Transaction done = stored(refund.field("syssn"));
        assertThat(done.respcd()).isEqualTo(Respcd.SUCCESS);
        assertThat(done.receipt().paydtm()).as("Alipay gave no time: the gateway's")
                .isEqualTo(QfTime.now(gw.clock, QfTime.DEFAULT_ZONE));
        assertThat(done.receipt().chnlsn()).as("the payment's Alipay trade").isEqualTo(RECEIPT.chnlsn());
        assertThat(done.receipt().cashFee()).as("the CNY returned is not known").isNull();
        assertThat(refund.field("cash_refund_fee")).isEmpty();
        assertThat(stored(paid).refundedAmount()).isEqualTo(100L);
        assertThat(stored(paid).cancel()).as("partly refunded").isEqualTo(5);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aLatePaymentsRefundAnsweredBareIsDoneAtOnce(String db) {
        start(db);
        var m = gw.demo().merchant();
        String syssn = gw.post("/trade/v1/payment", payment("bare-late"), m.app_code(), m.client_key()).field("syssn");
        assertThat(gw.post("/trade/v1/close", Map.of("syssn", syssn, "txamt", "300", "txdtm", "2026-11-27 10:05:00"),
                m.app_code(), m.client_key()).field("respcd")).isEqualTo("0000");

        assertThat(gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, RECEIPT)))
                .isEqualTo(PaidOutcome.RECORDED_LATE);

        Transaction refund = new SqlTransactions(gw.gateway.database())
                .byOutTradeNo(stored(syssn).merchantId(), Transaction.LATE_REFUND_PREFIX + syssn).orElseThrow();
        assertThat(refund.respcd()).as("not left pending for the sweep").isEqualTo(Respcd.SUCCESS);
        assertThat(gw.gateway.refunds().settlePending(100)).isZero();
        assertThat(alipay.requests).filteredOn(p -> "forex_refund".equals(p.get("service"))).hasSize(1);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aBareIsSuccessFIsStillARefusal(String db) {
        start(db);
        String paid = paidOrder("bare-refused");
        alipay.answer = p -> FakeAlipay.failure("RETURN_AMOUNT_EXCEED");

        TestGateway.Answer refund = refund(paid, "r-refused", 100);

        assertThat(refund.field("respcd")).isEqualTo("1155");
        assertThat(refund.field("resperr")).contains("RETURN_AMOUNT_EXCEED");
        assertThat(stored(paid).refundedAmount()).as("refundable again").isZero();
        List<?> rows = (List<?>) gw.post("/trade/v1/query", Map.of("syssn", refund.field("syssn")),
                gw.demo().merchant().app_code(), gw.demo().merchant().client_key()).json().get("data");
        assertThat(((Map<?, ?>) rows.getFirst()).get("respcd")).isEqualTo("1155");
    }

    String paidOrder(String outTradeNo) {
        var m = gw.demo().merchant();
        String syssn = gw.post("/trade/v1/payment", payment(outTradeNo), m.app_code(), m.client_key()).field("syssn");
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, RECEIPT));
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        return syssn;
    }

    TestGateway.Answer refund(String paymentSyssn, String outTradeNo, long txamt) {
        var m = gw.demo().merchant();
        Map<String, String> p = new LinkedHashMap<>();
        p.put("syssn", paymentSyssn);
        p.put("out_trade_no", outTradeNo);
        p.put("txamt", Long.toString(txamt));
        p.put("txdtm", "2026-11-27 11:00:00");
        return gw.post("/trade/v1/refund", p, m.app_code(), m.client_key());
    }

    Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }
}
