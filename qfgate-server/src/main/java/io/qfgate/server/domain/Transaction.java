package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;

/**
 * A payment (or a refund, which names its payment in {@code origSyssn}) as stored. Times are the
 * gateway's local time. {@code requestDigest} fingerprints the merchant's order fields, so a
 * replay of the same {@code out_trade_no} can be told from a conflicting reuse. {@code receipt}
 * is null until the channel reports the payment.
 */
public record Transaction(
        String syssn,
        long appId,
        long merchantId,
        String orderType,
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
        Receipt receipt) {

    public static final String PAYMENT = "payment";

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
    }

    public Transaction withPayUrl(String url) {
        return new Transaction(syssn, appId, merchantId, orderType, origSyssn, outTradeNo, payType, txamt, currency,
                txdtm, txzone, sysdtm, expiresAt, respcd, goodsName, goodsInfo, udid, returnUrl, notifyUrl,
                expiredMinutes, url, requestDigest, receipt);
    }

    public boolean isPending() {
        return respcd == Respcd.NOT_PAID_YET || respcd == Respcd.PROCESSING;
    }
}
