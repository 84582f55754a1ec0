package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;

/**
 * A payment (or, later, a refund) as stored. Times are the gateway's local time. The
 * {@code requestDigest} fingerprints the merchant's order fields, so a replay of the same
 * {@code out_trade_no} can be told from a conflicting reuse.
 */
public record Transaction(
        String syssn,
        long appId,
        long merchantId,
        String orderType,
        String outTradeNo,
        PayType payType,
        long txamt,
        Currency currency,
        String txdtm,
        String txzone,
        LocalDateTime sysdtm,
        LocalDateTime paydtm,
        LocalDateTime expiresAt,
        Respcd respcd,
        String goodsName,
        String goodsInfo,
        String udid,
        String returnUrl,
        String notifyUrl,
        Integer expiredMinutes,
        String payUrl,
        String chnlsn,
        String cardcd,
        String requestDigest) {

    public static final String PAYMENT = "payment";

    public Transaction withPayUrl(String url) {
        return new Transaction(syssn, appId, merchantId, orderType, outTradeNo, payType, txamt, currency, txdtm,
                txzone, sysdtm, paydtm, expiresAt, respcd, goodsName, goodsInfo, udid, returnUrl, notifyUrl,
                expiredMinutes, url, chnlsn, cardcd, requestDigest);
    }

    public Transaction {
        // Money invariants, asserted where a transaction is built and again when read back.
        if (txamt <= 0) {
            throw new IllegalStateException("txamt must be positive: " + syssn);
        }
        if (syssn == null || syssn.length() != 26) {
            throw new IllegalStateException("syssn must have 26 digits: " + syssn);
        }
    }
}
