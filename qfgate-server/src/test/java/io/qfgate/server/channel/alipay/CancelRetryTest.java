package io.qfgate.server.channel.alipay;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Respcd;
import io.qfgate.server.TestGateway;
import io.qfgate.server.store.SqlTransactions;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A cancel that could not reach Alipay answers 1145 with HTTP 200 and changes nothing; the same
 * cancel once Alipay answers closes the order, and repeating it then answers the same.
 */
class CancelRetryTest extends OnFakeAlipay {
    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aCancelAlipayDidNotAnswerIsInProgressAndTheSameCancelLaterCloses(String db) {
        start(db);
        String syssn = order("retry-close");
        alipay.answer = p -> {
            throw new IllegalStateException("Alipay down"); // the connection drops unanswered
        };

        TestGateway.Answer first = cancel(syssn);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.field("respcd")).as(first.field("resperr")).isEqualTo("1145");
        assertThat(stored(syssn)).isEqualTo(Respcd.NOT_PAID_YET);

        alipay.answer = p -> FakeAlipay.signed("trade", Map.of("out_trade_no", syssn, "trade_status", "TRADE_CLOSED"), key);
        TestGateway.Answer second = cancel(syssn);
        assertThat(second.field("respcd")).as(second.field("resperr")).isEqualTo("0000");
        assertThat(second.field("orig_syssn")).isEqualTo(syssn);
        assertThat(stored(syssn)).isEqualTo(Respcd.ORDER_CLOSED);

        int asked = alipay.requests.size();
        TestGateway.Answer third = cancel(syssn);
        assertThat(third.field("respcd")).isEqualTo("0000");
        assertThat(third.field("syssn")).as("the same cancel syssn").isEqualTo(second.field("syssn"));
        assertThat(alipay.requests).as("closed here: Alipay is not asked again").hasSize(asked);
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aBareCloseWhoseConfirmingQueryFailsLeavesTheOrderOpen(String db) {
        start(db);
        String syssn = order("bare-then-down");
        alipay.answer = p -> {
            if (p.get("service").equals("close_trade")) {
                return FakeAlipay.bareSuccess();
            }
            throw new IllegalStateException("Alipay down");
        };

        TestGateway.Answer answer = cancel(syssn);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1145");
        assertThat(stored(syssn)).as("an unsigned close is not believed on its own").isEqualTo(Respcd.NOT_PAID_YET);
    }

    String order(String outTradeNo) {
        var m = gw.demo().merchant();
        var created = gw.post("/trade/v1/payment", payment(outTradeNo), m.app_code(), m.client_key());
        assertThat(created.field("respcd")).as(created.field("resperr")).isEqualTo("0000");
        return created.field("syssn");
    }

    TestGateway.Answer cancel(String syssn) {
        var m = gw.demo().merchant();
        return gw.post("/trade/v1/close", Map.of("syssn", syssn, "txamt", "300", "txdtm", "2026-11-27 10:05:00"),
                m.app_code(), m.client_key());
    }

    Respcd stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow().respcd();
    }
}
