package io.qfgate.server.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What of Alipay's answers is believed: only signed answers about the order asked for. */
class MapiClientTest {
    static final AlipayAccount ACCOUNT = AlipayChannelTest.MD5_ACCOUNT;
    static final String KEY = ACCOUNT.md5Key();
    static final Map<String, String> QUERY = Map.of("out_trade_no", "20261127000000000000000001");
    static final Map<String, String> REFUND = Map.of("out_trade_no", "20261127000000000000000001",
            "out_return_no", "20261127000000000000000002", "return_amount", "3.00", "currency", "HKD");

    final FakeAlipay alipay = new FakeAlipay();
    final MapiClient client = new MapiClient(alipay.url(), new MapiSigner(ACCOUNT));

    @AfterEach
    void stop() {
        alipay.close();
    }

    @Test
    void aSignedAnswerAboutTheAskedOrderIsBelieved() {
        alipay.answer = p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade(p.get("out_trade_no"), "3.00", "HKD"), KEY);

        assertThat(client.call("single_trade_query", QUERY))
                .containsEntry("trade_status", "TRADE_SUCCESS")
                .containsEntry("out_trade_no", "20261127000000000000000001");
        assertThat(alipay.requests.getFirst()).containsEntry("service", "single_trade_query");
    }

    @Test
    void anUnsignedAnswerIsRefused() {
        alipay.answer = p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade(p.get("out_trade_no"), "3.00", "HKD"), null);

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unsigned or badly signed");
    }

    @Test
    void anAnswerSignedWithAnotherKeyIsRefused() {
        alipay.answer = p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade(p.get("out_trade_no"), "3.00", "HKD"),
                "not-the-partner-key-0123456789ab");

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("unsigned or badly signed");
    }

    @Test
    void aBareSuccessIsRefusedWhereTheAnswerMustBeSigned() {
        alipay.answer = p -> FakeAlipay.bareSuccess();

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("has no signed response");
    }

    @Test
    void aBareSuccessIsEmptyWhereTheCallerConfirmsItAnotherWay() {
        alipay.answer = p -> FakeAlipay.bareSuccess();

        assertThat(client.callAllowingBare("close_trade", QUERY)).isEmpty();
        assertThat(client.callAllowingBare("forex_refund", REFUND)).isEmpty();
    }

    @Test
    void aSignedAnswerAboutAnotherTradeIsRefused() {
        alipay.answer = p -> FakeAlipay.signed("trade", FakeAlipay.paidTrade("20261127000000000000000999", "3.00", "HKD"), KEY);

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out_trade_no 20261127000000000000000999, not 20261127000000000000000001");
    }

    @Test
    void aSignedAnswerAboutAnotherRefundIsRefused() {
        alipay.answer = p -> FakeAlipay.signed("refund", FakeAlipay.refunded("20261127000000000000000888",
                p.get("out_trade_no"), "3.00", "HKD"), KEY);

        assertThatThrownBy(() -> client.call("forex_refund", REFUND))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("out_return_no 20261127000000000000000888, not 20261127000000000000000002");
    }

    @Test
    void aSignedAnswerThatOmitsTheOrderNumberIsTakenAsAboutTheAskedOrder() {
        Map<String, String> trade = FakeAlipay.paidTrade("x", "3.00", "HKD");
        trade.remove("out_trade_no");
        alipay.answer = p -> FakeAlipay.signed("trade", trade, KEY);

        assertThat(client.call("single_trade_query", QUERY)).containsEntry("trade_status", "TRADE_SUCCESS");
    }

    @Test
    void aRefusalCarriesAlipaysErrorCode() {
        alipay.answer = p -> FakeAlipay.failure("TRADE_NOT_EXIST");

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOfSatisfying(MapiClient.MapiError.class, e -> assertThat(e.code).isEqualTo("TRADE_NOT_EXIST"));
    }

    @Test
    void anAnswerOfExactlyTheSizeLimitIsRead() {
        String signed = FakeAlipay.signed("trade", FakeAlipay.paidTrade("20261127000000000000000001", "3.00", "HKD"), KEY);
        String padded = signed.replace("<alipay>", "<!--" + "p".repeat(64 * 1024 - signed.length() - 7) + "--><alipay>");
        assertThat(padded.getBytes(java.nio.charset.StandardCharsets.UTF_8)).hasSize(64 * 1024);
        alipay.answer = p -> padded;

        assertThat(client.call("single_trade_query", QUERY)).containsEntry("trade_status", "TRADE_SUCCESS");
    }

    @Test
    void anEndlessAnswerIsCutOffAtTheSizeLimitWhileBeingRead() {
        alipay.answer = p -> FakeAlipay.ENDLESS;
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.call("single_trade_query", QUERY))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("larger than 65536 bytes");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
        assertThat(alipay.bytesWritten).as("the fake stopped long before its 800 MB").isLessThan(64L * 1024 * 1024);
    }
}
