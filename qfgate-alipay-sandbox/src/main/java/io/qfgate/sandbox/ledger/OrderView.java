package io.qfgate.sandbox.ledger;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.sandbox.Buyer;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A consistent copy of an order at one instant, for pages, XML answers and notifications. The
 * status is the effective one: an unpaid order past its validity reads as closed (expired) even
 * before the sweep has closed it.
 */
public record OrderView(
        OrderTerms terms,
        String tradeNo,
        String walletToken,
        BigDecimal cnyRate,
        long cnyFen,
        Instant createdAt,
        Instant expiresAt,
        TradeStatus status,
        CloseReason closeReason,
        Buyer payer,
        Instant paidAt,
        Instant closedAt,
        long refundedMinor,
        long refundedCnyFen,
        List<Refund> refunds) {

    public boolean payable() {
        return status == TradeStatus.WAIT_BUYER_PAY;
    }

    /**
     * The trade as Alipay reports it, in {@code single_trade_query}'s {@code <trade>} and in the
     * asynchronous notification: amounts in major units with the currency's digits, times in
     * Beijing time. Fields that do not apply yet (no buyer before payment) are left out.
     */
    public Map<String, String> tradeFields() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("trade_no", tradeNo);
        f.put("out_trade_no", terms.outTradeNo());
        f.put("subject", terms.subject());
        f.put("trade_status", status.name());
        f.put("total_fee", terms.currency().toMajor(terms.totalMinor()));
        f.put("currency", terms.currency().name());
        f.put("exchange_rate", cnyRate.toPlainString());
        f.put("trans_amount_cny", Currency.CNY.toMajor(cnyFen));
        f.put("gmt_create", beijing(createdAt));
        if (payer != null) {
            f.put("buyer_id", payer.userId());
            f.put("gmt_payment", beijing(paidAt));
        }
        if (closedAt != null) {
            f.put("gmt_close", beijing(closedAt));
        }
        if (refundedMinor > 0) {
            f.put("refund_fee", terms.currency().toMajor(refundedMinor));
            f.put("refund_amount_cny", Currency.CNY.toMajor(refundedCnyFen));
        }
        return f;
    }

    public static String beijing(Instant instant) {
        return QfTime.format(LocalDateTime.ofInstant(instant, QfTime.DEFAULT_ZONE));
    }
}
