package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.alipay.MapiSignature;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shopper's side: scan, log in, pay or cancel. */
class WalletTest extends SandboxFixture {
    private static final long HKD_3_IN_FEN = 275;

    @Test
    void scanLogInPayAndReturnToTheMerchantWithSignedParameters() {
        Map<String, String> params = order();
        String walletUrl = walletUrlOf(params);
        long before = sandbox.balanceFen("buyer-rich");

        assertThat(get(walletUrl).body()).contains("Log in to the sandbox wallet", "buyer-rich", "buyer-poor");
        assertThat(get(walletUrl + "&buyer=buyer-rich").body()).contains("Confirm payment", "CNY 2.75", "Pay", "Cancel");
        HttpResponse<String> paid = pay(walletUrl, "buyer-rich");

        assertThat(paid.statusCode()).isEqualTo(303);
        String location = paid.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith("https://merchant.example/done?shop=1&");
        Map<String, String> returned = queryOf(location);
        assertThat(returned).containsEntry("out_trade_no", params.get("out_trade_no"))
                .containsEntry("trade_status", "TRADE_FINISHED").containsEntry("total_fee", "3.00")
                .containsEntry("currency", "HKD").containsEntry("sign_type", "MD5");
        returned.remove("shop"); // the merchant's own parameter, not Alipay's
        assertThat(MapiSignature.verifyMd5(returned, KEY, returned.get("sign"))).isTrue();
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(before - HKD_3_IN_FEN);
        Answer trade = query(params.get("out_trade_no"));
        assertThat(trade.fields()).containsEntry("trade_status", "TRADE_FINISHED")
                .containsEntry("buyer_id", "2088000000000001").containsEntry("trade_no", returned.get("trade_no"));
    }

    @Test
    void pressingPayTwiceDebitsOnce() {
        String walletUrl = walletUrlOf(order());
        long before = sandbox.balanceFen("buyer-rich");

        assertThat(pay(walletUrl, "buyer-rich").statusCode()).isEqualTo(303);
        assertThat(pay(walletUrl, "buyer-rich").statusCode()).isEqualTo(303);

        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(before - HKD_3_IN_FEN);
    }

    @Test
    void concurrentPaymentsOfOneOrderDebitExactlyOnce() throws Exception {
        String walletUrl = walletUrlOf(order("total_fee", "100.00"));
        long richBefore = sandbox.balanceFen("buyer-rich");
        long idleBefore = sandbox.balanceFen("buyer-idle");
        int tabs = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(tabs)) {
            for (int i = 0; i < tabs; i++) {
                String buyer = i % 2 == 0 ? "buyer-rich" : "buyer-idle";
                results.add(pool.submit(() -> {
                    start.await();
                    return pay(walletUrl, buyer).statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                assertThat(result.get()).isIn(303, 409);
            }
        }

        long debited = (richBefore - sandbox.balanceFen("buyer-rich")) + (idleBefore - sandbox.balanceFen("buyer-idle"));
        assertThat(debited).isEqualTo(9150); // HKD 100.00 × 0.9150, once
    }

    @Test
    void insufficientBalanceLeavesTheOrderPayable() {
        Map<String, String> params = order();
        String walletUrl = walletUrlOf(params);

        HttpResponse<String> refused = pay(walletUrl, "buyer-poor");

        assertThat(refused.statusCode()).isEqualTo(200);
        assertThat(refused.body()).contains("Insufficient balance: this account has CNY 1.00, the order needs CNY 2.75.");
        assertThat(sandbox.balanceFen("buyer-poor")).isEqualTo(100);
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "WAIT_BUYER_PAY");
        assertThat(pay(walletUrl, "buyer-rich").statusCode()).isEqualTo(303);
    }

    @Test
    void withoutReturnUrlThePaymentEndsOnThePaidPage() {
        String walletUrl = walletUrlOf(order("return_url", null));

        HttpResponse<String> paid = pay(walletUrl, "buyer-rich");
        String location = paid.headers().firstValue("Location").orElseThrow();

        assertThat(location).isEqualTo(path(walletUrl).substring(base.length()) + "/paid?lang=en");
        assertThat(get(base + location).body()).contains("Payment successful", "The order has been paid.");
        assertThat(get(walletUrl).body()).contains("Payment successful");
    }

    @Test
    void cancelChargesNothingAndTheOrderStaysPayable() {
        Map<String, String> params = order();
        String walletUrl = walletUrlOf(params);

        HttpResponse<String> cancelled = post(path(walletUrl) + "/cancel", Map.of("buyer", "buyer-idle", "lang", "zh-cn"));

        assertThat(cancelled.body()).contains("<html lang=\"zh-CN\">", "已取消付款", "buyer=buyer-idle");
        assertThat(sandbox.balanceFen("buyer-idle")).isEqualTo(1_000_000);
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "WAIT_BUYER_PAY");
        assertThat(pay(walletUrl, "buyer-idle").statusCode()).isEqualTo(303);
    }

    @Test
    void cashierStatusTellsThePollingPageWhereToGo() {
        String walletUrl = walletUrlOf(order());
        String status = path(walletUrl) + "/status";

        assertThat(get(status).body()).isEqualTo("{\"trade_status\":\"WAIT_BUYER_PAY\"}");
        pay(walletUrl, "buyer-rich");
        assertThat(get(status).body()).contains("\"trade_status\":\"TRADE_FINISHED\"",
                "\"next\":\"https://merchant.example/done?shop=1&out_trade_no=");
    }

    @Test
    void reopeningThePaidOrdersCashierShowsItPaid() {
        Map<String, String> params = order();
        pay(walletUrlOf(params), "buyer-rich");

        HttpResponse<String> again = getGateway(signed(params));

        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.body()).contains("Payment successful", "Return to the merchant");
        assertThat(getGateway(signed(order("out_trade_no", params.get("out_trade_no"), "qr_pay_mode", "4"))).body())
                .contains("Payment successful").doesNotContain("<img");
    }

    @Test
    void unknownWalletLinkOrBuyerIsAPageNotAStackTrace() {
        HttpResponse<String> missing = get(base + PREFIX + "/wallet/0000?lang=zh-hk");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.body()).contains("找不到訂單").doesNotContain("Exception");

        String walletUrl = walletUrlOf(order());
        HttpResponse<String> stranger = pay(walletUrl, "buyer-nobody");
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(stranger.body()).contains("Log in to the sandbox wallet");
    }
}
