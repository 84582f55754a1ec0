package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** forex_refund gives the buyer back the CNY pro rata, never more than was paid. */
class RefundTest extends SandboxFixture {
    private static final long OPENING = SandboxConfig.BUYER_RICH.openingBalanceFen();

    private String paidOrder(String amount) {
        Map<String, String> params = order("total_fee", amount);
        pay(walletUrlOf(params), "buyer-rich");
        return params.get("out_trade_no");
    }

    private Answer refund(String outTradeNo, String outReturnNo, String amount) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", "forex_refund");
        params.put("out_return_no", outReturnNo);
        params.put("out_trade_no", outTradeNo);
        params.put("return_amount", amount);
        params.put("currency", "HKD");
        params.put("gmt_return", "2026-03-01 12:30:00");
        params.put("reason", "customer changed mind");
        return call(params);
    }

    @Test
    void partialRefundsAddUpToExactlyWhatWasPaid() {
        String trade = paidOrder("100.00"); // CNY 91.50
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(OPENING - 9150);

        Answer first = refund(trade, "R1", "33.33");
        assertThat(first.isSuccess()).isEqualTo("T");
        assertThat(first.signedBy(KEY)).isTrue();
        assertThat(first.fields()).containsEntry("out_return_no", "R1").containsEntry("return_amount", "33.33")
                .containsEntry("currency", "HKD").containsEntry("return_rmb_amount", "30.50")
                .containsEntry("exchange_rate", "0.9150");
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(OPENING - 9150 + 3050);

        assertThat(refund(trade, "R2", "66.67").fields()).containsEntry("return_rmb_amount", "61.00");
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(OPENING);
        assertThat(query(trade).fields()).containsEntry("trade_status", "TRADE_FINISHED")
                .containsEntry("refund_fee", "100.00").containsEntry("refund_amount_cny", "91.50");
    }

    @Test
    void refundingMoreThanIsLeftIsRefused() {
        String trade = paidOrder("10.00");
        refund(trade, "R1", "6.00");

        Answer refused = refund(trade, "R2", "4.01");

        assertThat(refused.isSuccess()).isEqualTo("F");
        assertThat(refused.error()).isEqualTo("RETURN_AMOUNT_EXCEED");
        assertThat(refund(trade, "R3", "4.00").isSuccess()).isEqualTo("T");
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(OPENING);
    }

    @Test
    void theSameOutReturnNoRefundsOnce() {
        String trade = paidOrder("10.00");

        Answer first = refund(trade, "R1", "5.00");
        Answer again = refund(trade, "R1", "5.00");

        assertThat(again.isSuccess()).isEqualTo("T");
        assertThat(again.fields()).isEqualTo(first.fields());
        assertThat(sandbox.balanceFen("buyer-rich")).isEqualTo(OPENING - 915 + 458);
        assertThat(refund(trade, "R1", "1.00").error()).isEqualTo("DUPLICATE_OUT_RETURN_NO");
        assertThat(refund(paidOrder("10.00"), "R1", "5.00").error())
                .as("out_return_no is unique across the partner's trades").isEqualTo("DUPLICATE_OUT_RETURN_NO");
    }

    @Test
    void onlyPaidTradesInTheirCurrencyCanBeRefunded() {
        Map<String, String> unpaid = order();
        walletUrlOf(unpaid);
        assertThat(refund(unpaid.get("out_trade_no"), "R1", "1.00").error()).isEqualTo("TRADE_STATUS_NOT_AVAILD");
        assertThat(refund("unknown", "R2", "1.00").error()).isEqualTo("PURCHASE_TRADE_NOT_EXIST");

        String trade = paidOrder("10.00");
        Map<String, String> inUsd = new LinkedHashMap<>(Map.of("service", "forex_refund", "out_return_no", "R3",
                "out_trade_no", trade, "return_amount", "1.00", "currency", "USD", "gmt_return", "2026-03-01 12:30:00"));
        assertThat(call(inUsd).error()).isEqualTo("CURRENCY_NOT_SAME");
        inUsd.remove("gmt_return");
        assertThat(call(inUsd).error()).isEqualTo("ILLEGAL_ARGUMENT");
    }
}
