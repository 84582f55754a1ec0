package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Orders stop being payable when their time runs out or the merchant closes them. */
class ExpiryAndCloseTest extends SandboxFixture {

    @Test
    void anUnpaidOrderExpiresAtItsValidTime() {
        Map<String, String> params = order("order_valid_time", "300");
        String walletUrl = walletUrlOf(params);
        get(walletUrl + "&buyer=buyer-idle"); // the idle buyer looks and does not pay

        clock.advance(Duration.ofSeconds(299));
        sandbox.tick();
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "WAIT_BUYER_PAY");

        clock.advance(Duration.ofSeconds(1));
        sandbox.tick();
        Answer expired = query(params.get("out_trade_no"));
        assertThat(expired.fields()).containsEntry("trade_status", "TRADE_CLOSED")
                .containsEntry("gmt_close", "2026-03-01 12:05:00");
        assertThat(get(walletUrl).body()).contains("Order expired");
        HttpResponse<String> late = pay(walletUrl, "buyer-rich");
        assertThat(late.body()).contains("Order expired");
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(SandboxConfig.BUYER_RICH.openingBalanceFen());
        HttpResponse<String> reopened = getGateway(signed(params));
        assertThat(reopened.statusCode()).as("the shopper reopening the cashier sees the order's end").isEqualTo(200);
        assertThat(reopened.body()).contains("Order expired").doesNotContain("TRADE_HAS_CLOSED");
    }

    @Test
    void expiryHoldsEvenBeforeTheSweepRuns() {
        Map<String, String> params = order("order_valid_time", "60");
        String walletUrl = walletUrlOf(params);

        clock.advance(Duration.ofMinutes(5)); // no tick

        assertThat(pay(walletUrl, "buyer-rich").body()).contains("Order expired");
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "TRADE_CLOSED");
    }

    @Test
    void validityCountsFromOrderGmtCreate() {
        // The test clock stands at 2026-03-01 12:00:00 Beijing time.
        HttpResponse<String> stale = getGateway(signed(order("order_gmt_create", "2026-03-01 11:00:00",
                "order_valid_time", "1800")));
        assertThat(stale.statusCode()).isEqualTo(400);
        assertThat(stale.body()).contains("TRADE_HAS_CLOSED");

        Map<String, String> fresh = order("order_gmt_create", "2026-03-01 11:45:00", "order_valid_time", "1800");
        walletUrlOf(fresh);
        clock.advance(Duration.ofMinutes(15));
        assertThat(query(fresh.get("out_trade_no")).fields()).containsEntry("trade_status", "TRADE_CLOSED");
    }

    @Test
    void closeTradeStopsAnUnpaidOrder() {
        Map<String, String> params = order();
        String walletUrl = walletUrlOf(params);

        Answer closed = call(Map.of("service", "close_trade", "out_trade_no", params.get("out_trade_no")));

        assertThat(closed.isSuccess()).isEqualTo("T");
        assertThat(closed.signedBy(KEY)).isTrue();
        assertThat(closed.fields()).containsEntry("trade_status", "TRADE_CLOSED");
        assertThat(pay(walletUrl, "buyer-rich").body()).contains("Order closed");
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(SandboxConfig.BUYER_RICH.openingBalanceFen());
        assertThat(call(Map.of("service", "close_trade", "trade_no", closed.fields().get("trade_no"))).isSuccess())
                .as("closing again is no error").isEqualTo("T");
        assertThat(getGateway(signed(params)).body()).contains("Order closed").doesNotContain("TRADE_HAS_CLOSED");
    }

    @Test
    void aPaidOrderCannotBeClosed() {
        Map<String, String> params = order();
        pay(walletUrlOf(params), "buyer-rich");

        Answer refused = call(Map.of("service", "close_trade", "out_trade_no", params.get("out_trade_no")));

        assertThat(refused.isSuccess()).isEqualTo("F");
        assertThat(refused.error()).isEqualTo("TRADE_STATUS_NOT_AVAILD");
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "TRADE_FINISHED");
    }

    @Test
    void unknownTradesAreTradeNotExist() {
        assertThat(call(Map.of("service", "close_trade", "out_trade_no", "nope")).error()).isEqualTo("TRADE_NOT_EXIST");
        assertThat(query("nope").error()).isEqualTo("TRADE_NOT_EXIST");
    }

    @Test
    void anotherPartnersTradeIsInvisible() {
        Map<String, String> params = order();
        walletUrlOf(params);
        Map<String, String> asOther = new java.util.LinkedHashMap<>(Map.of("service", "single_trade_query",
                "out_trade_no", params.get("out_trade_no"), "partner", RSA_PARTNER));
        asOther.put("sign", io.qfgate.protocol.alipay.MapiSignature.md5(asOther, RSA_PARTNER_KEY));
        asOther.put("sign_type", "MD5");

        assertThat(parse(getGateway(asOther).body()).error()).isEqualTo("TRADE_NOT_EXIST");
    }
}
