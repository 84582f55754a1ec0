package io.qfgate.server.channel.alipay;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The gateway end to end against a fake Alipay on 127.0.0.1: a forged, unsigned or mismatched
 * answer never records a refund or a payment; the genuine answer afterwards does, once.
 */
class ForgedAlipayAnswersTest {
    static final String OTHER_KEY = "not-the-partner-key-0123456789ab";
    static final String ANOTHER_ORDER = "20261127000000000000000999";

    FakeAlipay alipay;
    TestGateway gw;
    String key;

    @BeforeEach
    void start() {
        alipay = new FakeAlipay();
        gw = new TestGateway(TestDatabases.H2, c -> c.withUrls(null, alipay.url()));
        key = new SqlSandboxPartner(gw.gateway.database()).load().orElseThrow().md5Key();
    }

    @AfterEach
    void stop() {
        gw.close();
        alipay.close();
    }

    Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }

    String order(String outTradeNo) {
        var m = gw.demo().merchant();
        var answer = gw.post("/trade/v1/payment", payment(outTradeNo), m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
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

    /**
     * Forged forex_refund answers, each given the request's parameters. (A bare is_success T is
     * Alipay's documented answer, taken as refunded: see BareRefundAnswerTest.)
     */
    Map<String, Function<Map<String, String>, String>> forgedRefundAnswers() {
        Map<String, Function<Map<String, String>, String>> forged = new LinkedHashMap<>();
        forged.put("unsigned", p -> FakeAlipay.signed("refund", genuineRefund(p), null));
        forged.put("signed with another key", p -> FakeAlipay.signed("refund", genuineRefund(p), OTHER_KEY));
        forged.put("about another refund", p -> FakeAlipay.signed("refund", FakeAlipay.refunded(ANOTHER_ORDER,
                p.get("out_trade_no"), p.get("return_amount"), p.get("currency")), key));
        forged.put("about another payment", p -> FakeAlipay.signed("refund", FakeAlipay.refunded(p.get("out_return_no"),
                ANOTHER_ORDER, p.get("return_amount"), p.get("currency")), key));
        return forged;
    }

    static Map<String, String> genuineRefund(Map<String, String> p) {
        return FakeAlipay.refunded(p.get("out_return_no"), p.get("out_trade_no"), p.get("return_amount"), p.get("currency"));
    }

    @Test
    void aForgedRefundAnswerNeverRecordsARefund() {
        String paid = order("forged-refund-1");
        Receipt receipt = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 1), "2026112722001400000000000002",
                "2088000000000001", "0.9150", 275L, Currency.CNY);
        gw.gateway.payments().recordPaid(paid, new ChannelStatus.Paid(300, Currency.HKD, receipt));

        Map<String, String> refunds = new LinkedHashMap<>();
        forgedRefundAnswers().forEach((what, answer) -> {
            alipay.answer = answer;
            var a = refund(paid, "r-" + refunds.size(), 10);
            assertThat(a.status()).as(what).isEqualTo(200);
            assertThat(a.field("respcd")).as(what).isEqualTo("1145");
            refunds.put(what, a.field("syssn"));
        });
        assertThat(gw.gateway.refunds().settlePending(100)).as("asked again, still forged").isZero();
        refunds.forEach((what, syssn) -> {
            assertThat(stored(syssn).respcd()).as(what).isEqualTo(Respcd.PROCESSING);
            assertThat(stored(syssn).receipt()).as(what).isNull();
        });

        alipay.answer = p -> FakeAlipay.signed("refund", genuineRefund(p), key);
        assertThat(gw.gateway.refunds().settlePending(100)).isEqualTo(refunds.size());
        refunds.forEach((what, syssn) -> assertThat(stored(syssn).respcd()).as(what).isEqualTo(Respcd.SUCCESS));
        assertThat(stored(paid).refundedAmount()).isEqualTo(10L * refunds.size());
    }

    @Test
    void aForgedTradeAnswerNeverRecordsAPayment() {
        String syssn = order("forged-pay-1");
        gw.clock.advance(Duration.ofMinutes(31)); // due: the sweep asks Alipay before expiring it
        Map<String, Function<Map<String, String>, String>> forged = new LinkedHashMap<>();
        forged.put("bare is_success T", p -> FakeAlipay.bareSuccess());
        forged.put("unsigned", p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade(syssn, "3.00", "HKD"), null));
        forged.put("signed with another key", p -> FakeAlipay.signed("trade",
                FakeAlipay.paidTrade(syssn, "3.00", "HKD"), OTHER_KEY));
        forged.put("another trade's signed answer", p -> FakeAlipay.signed("trade",
                FakeAlipay.paidTrade(ANOTHER_ORDER, "3.00", "HKD"), key));
        forged.put("waiting, then an unsigned paid close", p -> p.get("service").equals("single_trade_query")
                ? FakeAlipay.signed("trade", Map.of("out_trade_no", syssn, "trade_status", "WAIT_BUYER_PAY"), key)
                : FakeAlipay.signed("trade", FakeAlipay.paidTrade(syssn, "3.00", "HKD"), null));

        forged.forEach((what, answer) -> {
            alipay.answer = answer;
            assertThat(gw.gateway.payments().expireDue(100)).as(what).isZero();
            assertThat(stored(syssn).respcd()).as(what).isEqualTo(Respcd.NOT_PAID_YET);
        });

        alipay.answer = p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade(syssn, "3.00", "HKD"), key);
        gw.gateway.payments().expireDue(100);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
        assertThat(stored(syssn).receipt().chnlsn()).isEqualTo("2026112722001400000000000077");
    }

    @Test
    void aBareCloseIsConfirmedBySignedQueryBeforeTheOrderExpires() {
        String syssn = order("bare-close-1");
        gw.clock.advance(Duration.ofMinutes(31));
        alipay.answer = p -> switch (p.get("service")) {
            case "close_trade" -> FakeAlipay.bareSuccess();
            default -> FakeAlipay.signed("trade", Map.of("out_trade_no", syssn, "trade_status",
                    alipay.requests.size() == 1 ? "WAIT_BUYER_PAY" : "TRADE_CLOSED"), key);
        };

        assertThat(gw.gateway.payments().expireDue(100)).isEqualTo(1);

        assertThat(alipay.requests).extracting(p -> p.get("service"))
                .containsExactly("single_trade_query", "close_trade", "single_trade_query");
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.ORDER_EXPIRED);
    }
}
