package io.qfgate.sandbox.ledger;

import io.qfgate.protocol.Currency;
import java.time.Duration;
import java.time.Instant;

/**
 * What the merchant asked for in {@code create_forex_trade[_wap]}, already validated.
 *
 * @param merchantName the name shown to the shopper: {@code secondary_merchant_name}, else the
 *                     partner's own name
 * @param gmtCreate    {@code order_gmt_create}, when the merchant sent it; the validity counts
 *                     from it, else from the moment the sandbox first saw the order
 */
public record OrderTerms(
        String partnerId,
        String outTradeNo,
        String subject,
        String body,
        Currency currency,
        long totalMinor,
        String notifyUrl,
        String returnUrl,
        String merchantName,
        String secondaryMerchantId,
        String secondaryMerchantIndustry,
        String productCode,
        String paymentInst,
        Duration validity,
        Instant gmtCreate) {

    /** Alipay's rule: the same {@code out_trade_no} may come again only for the same money. */
    boolean sameMoneyAs(OrderTerms other) {
        return currency == other.currency && totalMinor == other.totalMinor;
    }
}
