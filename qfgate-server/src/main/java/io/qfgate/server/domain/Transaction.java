package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;
import java.util.function.Consumer;

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

    /**
     * The store's way back from a row; new transactions come from {@link #payment} and
     * {@link #refund}, changed ones from the transitions below.
     */
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

    /**
     * A new order of {@code merchant} (one of {@code app}'s), not paid yet, numbered {@code syssn}
     * at {@code sysdtm}; its pay_url is the channel's, added with {@link #withPayUrl}.
     */
    public static Transaction payment(String syssn, LocalDateTime sysdtm, App app, Merchant merchant, NewPayment request) {
        Builder b = new Builder(syssn, OrderType.PAYMENT, Respcd.NOT_PAID_YET);
        b.appId = app.id();
        b.merchantId = merchant.id();
        b.outTradeNo = request.outTradeNo();
        b.payType = request.payType();
        b.txamt = request.txamt();
        b.currency = request.currency();
        b.txdtm = request.txdtm();
        b.txzone = QfTime.formatZone(request.txzone());
        b.sysdtm = sysdtm;
        b.expiresAt = sysdtm.plusMinutes(request.expiredMinutes());
        b.goodsName = request.goodsName();
        b.goodsInfo = request.goodsInfo();
        b.udid = request.udid();
        b.returnUrl = request.returnUrl();
        b.notifyUrl = request.notifyUrl();
        b.expiredMinutes = request.expiredMinutes();
        b.requestDigest = request.digest();
        return b.build();
    }

    /**
     * A new refund of {@code payment} asked by {@code app}, being carried out (1145) until the
     * channel answers. It keeps the payment's pay_type, currency and goods, and is announced where
     * the request says, else where the payment was.
     */
    public static Transaction refund(String syssn, LocalDateTime sysdtm, App app, Transaction payment, NewRefund request) {
        if (payment.isRefund() || !payment.syssn().equals(request.origSyssn())) {
            throw new IllegalArgumentException("refund " + request.origSyssn() + " of " + payment.syssn());
        }
        Builder b = new Builder(syssn, OrderType.REFUND, Respcd.PROCESSING);
        b.appId = app.id();
        b.merchantId = payment.merchantId();
        b.origSyssn = payment.syssn();
        b.outTradeNo = request.outTradeNo();
        b.payType = payment.payType();
        b.txamt = request.txamt();
        b.currency = payment.currency();
        b.txdtm = request.txdtm();
        b.txzone = QfTime.formatZone(request.txzone());
        b.sysdtm = sysdtm;
        b.goodsName = payment.goodsName();
        b.goodsInfo = payment.goodsInfo();
        b.udid = request.udid();
        b.notifyUrl = request.notifyUrl() != null ? request.notifyUrl() : payment.notifyUrl();
        b.requestDigest = request.digest();
        return b.build();
    }

    /** The {@code out_trade_no} prefix of the refund that returns a late payment (see {@link #lateRefund}). */
    public static final String LATE_REFUND_PREFIX = "late-refund-";

    /**
     * The refund, in full, of a payment that arrived after the gateway had closed or expired its
     * order ({@link #paidLate}): the gateway's own, so it is numbered and timed by the gateway,
     * named {@value #LATE_REFUND_PREFIX} + the payment's syssn, and announced where the payment is.
     */
    public static Transaction lateRefund(String syssn, LocalDateTime sysdtm, Transaction payment) {
        if (payment.isRefund() || payment.respcd != Respcd.SUCCESS) {
            throw new IllegalArgumentException("late refund of " + payment.syssn() + " (" + payment.respcd + ")");
        }
        Builder b = new Builder(syssn, OrderType.REFUND, Respcd.PROCESSING);
        b.appId = payment.appId();
        b.merchantId = payment.merchantId();
        b.origSyssn = payment.syssn();
        b.outTradeNo = LATE_REFUND_PREFIX + payment.syssn();
        b.payType = payment.payType();
        b.txamt = payment.txamt();
        b.currency = payment.currency();
        b.txdtm = QfTime.format(sysdtm);
        b.txzone = payment.txzone();
        b.sysdtm = sysdtm;
        b.goodsName = payment.goodsName();
        b.goodsInfo = payment.goodsInfo();
        b.notifyUrl = payment.notifyUrl();
        b.requestDigest = new NewRefund(payment.syssn(), b.outTradeNo, b.txamt, b.txdtm, null, null, null, null).digest();
        return b.build();
    }

    /**
     * This closed or expired order as it is once a payment the shopper made anyway is recorded:
     * successful with the channel's receipt, its whole amount already counted as refunded (the
     * gateway returns it, {@link #lateRefund}), so {@code cancel} reads 3, and {@code errmsg} says why.
     */
    public Transaction paidLate(Receipt newReceipt) {
        if (respcd != Respcd.ORDER_CLOSED && respcd != Respcd.ORDER_EXPIRED) {
            throw new IllegalStateException("only a closed or expired order is paid late: " + syssn);
        }
        String why = "paid after the order was " + (respcd == Respcd.ORDER_CLOSED ? "closed" : "expired")
                + " (" + respcd.code() + "); refunded in full automatically";
        return with(b -> {
            b.respcd = Respcd.SUCCESS;
            b.receipt = newReceipt;
            b.refundedAmount = txamt;
            b.errmsg = why;
        });
    }

    /** This transaction as it is once the channel's receipt makes it successful. */
    public Transaction succeeded(Receipt newReceipt) {
        return with(b -> {
            b.respcd = Respcd.SUCCESS;
            b.receipt = newReceipt;
        });
    }

    /** This order with the URL its channel sends the shopper to. */
    public Transaction withPayUrl(String url) {
        return with(b -> b.payUrl = url);
    }

    private Transaction with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
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

    public boolean isPending() {
        return respcd == Respcd.NOT_PAID_YET || respcd == Respcd.PROCESSING;
    }

    /** A transaction's fields by name: the one place that copies them all. */
    private static final class Builder {
        String syssn;
        long appId;
        long merchantId;
        OrderType orderType;
        String origSyssn;
        String outTradeNo;
        PayType payType;
        long txamt;
        Currency currency;
        String txdtm;
        String txzone;
        LocalDateTime sysdtm;
        LocalDateTime expiresAt;
        Respcd respcd;
        String goodsName;
        String goodsInfo;
        String udid;
        String returnUrl;
        String notifyUrl;
        Integer expiredMinutes;
        String payUrl;
        String requestDigest;
        Receipt receipt;
        long refundedAmount;
        String errmsg;
        String note;

        Builder(String syssn, OrderType orderType, Respcd respcd) {
            this.syssn = syssn;
            this.orderType = orderType;
            this.respcd = respcd;
        }

        Builder(Transaction t) {
            this(t.syssn, t.orderType, t.respcd);
            appId = t.appId;
            merchantId = t.merchantId;
            origSyssn = t.origSyssn;
            outTradeNo = t.outTradeNo;
            payType = t.payType;
            txamt = t.txamt;
            currency = t.currency;
            txdtm = t.txdtm;
            txzone = t.txzone;
            sysdtm = t.sysdtm;
            expiresAt = t.expiresAt;
            goodsName = t.goodsName;
            goodsInfo = t.goodsInfo;
            udid = t.udid;
            returnUrl = t.returnUrl;
            notifyUrl = t.notifyUrl;
            expiredMinutes = t.expiredMinutes;
            payUrl = t.payUrl;
            requestDigest = t.requestDigest;
            receipt = t.receipt;
            refundedAmount = t.refundedAmount;
            errmsg = t.errmsg;
            note = t.note;
        }

        Transaction build() {
            return new Transaction(syssn, appId, merchantId, orderType, origSyssn, outTradeNo, payType, txamt, currency,
                    txdtm, txzone, sysdtm, expiresAt, respcd, goodsName, goodsInfo, udid, returnUrl, notifyUrl,
                    expiredMinutes, payUrl, requestDigest, receipt, refundedAmount, errmsg, note);
        }
    }
}
