package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;

/**
 * A payment (or a refund, which names its payment in {@code origSyssn}) as stored. Times are the
 * gateway's local time. {@code requestDigest} fingerprints the merchant's order fields, so a
 * replay of the same {@code out_trade_no} can be told from a conflicting reuse. {@code receipt}
 * is null until the channel reports the payment (for a refund: until the channel refunded).
 * {@code refundedAmount} is, on a payment, the sum of its refunds done or in flight.
 */
public record Transaction(
        String syssn,
        long appId,
        long merchantId,
        OrderType orderType,
        String origSyssn,
        String outTradeNo,
        PayType payType,
        long txamt,
        Currency currency,
        String txdtm,
        String txzone,
        LocalDateTime sysdtm,
        LocalDateTime expiresAt,
        Respcd respcd,
        String goodsName,
        String goodsInfo,
        String udid,
        String returnUrl,
        String notifyUrl,
        Integer expiredMinutes,
        String payUrl,
        String requestDigest,
        Receipt receipt,
        long refundedAmount,
        String errmsg,
        String note) {

    /** Length of the stored pay_url (its column). */
    public static final int PAY_URL_MAX = 4096;

    public Transaction {
        // Money invariants, asserted where a transaction is built and again when read back.
        if (txamt <= 0) {
            throw new IllegalStateException("txamt must be positive: " + syssn);
        }
        if (syssn == null || syssn.length() != 26) {
            throw new IllegalStateException("syssn must have 26 digits: " + syssn);
        }
        if ((respcd == Respcd.SUCCESS) != (receipt != null)) {
            throw new IllegalStateException("a transaction has a receipt exactly when it succeeded: " + syssn);
        }
        if (refundedAmount < 0 || refundedAmount > txamt) {
            throw new IllegalStateException("refunded " + refundedAmount + " of " + txamt + ": " + syssn);
        }
        if ((orderType == OrderType.REFUND) != (origSyssn != null)) {
            throw new IllegalStateException("exactly refunds name their payment: " + syssn);
        }
    }

    /** This transaction as it is once the channel's receipt makes it successful. */
    public Transaction succeeded(Receipt newReceipt) {
        return new Transaction(syssn, appId, merchantId, orderType, origSyssn, outTradeNo, payType, txamt, currency,
                txdtm, txzone, sysdtm, expiresAt, Respcd.SUCCESS, goodsName, goodsInfo, udid, returnUrl, notifyUrl,
                expiredMinutes, payUrl, requestDigest, newReceipt, refundedAmount, errmsg, note);
    }

    public boolean isRefund() {
        return orderType == OrderType.REFUND;
    }

    /** What can still be refunded of a payment. */
    public long refundable() {
        return respcd == Respcd.SUCCESS && !isRefund() ? txamt - refundedAmount : 0;
    }

    /**
     * QFPay's {@code cancel} indicator: 0 not cancelled, 2 closed before payment, 3 refunded in
     * full, 5 partly refunded. Derived, never stored, so it cannot disagree with the amounts.
     */
    public int cancel() {
        if (isRefund()) {
            return 0;
        }
        if (respcd == Respcd.ORDER_CLOSED) {
            return 2;
        }
        return refundedAmount == 0 ? 0 : refundedAmount == txamt ? 3 : 5;
    }

    public Transaction withPayUrl(String url) {
        return new Transaction(syssn, appId, merchantId, orderType, origSyssn, outTradeNo, payType, txamt, currency,
                txdtm, txzone, sysdtm, expiresAt, respcd, goodsName, goodsInfo, udid, returnUrl, notifyUrl,
                expiredMinutes, url, requestDigest, receipt, refundedAmount, errmsg, note);
    }

    public boolean isPending() {
        return respcd == Respcd.NOT_PAID_YET || respcd == Respcd.PROCESSING;
    }
}
