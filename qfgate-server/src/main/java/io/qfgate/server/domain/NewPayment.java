package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Hex;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;

/**
 * A merchant's payment request after its fields were checked one by one (shape and length);
 * the rules that need the app, the merchant or the channels are {@link PaymentService}'s.
 */
public record NewPayment(
        long txamt,
        Currency currency,
        PayType payType,
        String outTradeNo,
        String txdtm,
        ZoneOffset txzone,
        int expiredMinutes,
        String goodsName,
        String goodsInfo,
        String mchid,
        String udid,
        String returnUrl,
        String notifyUrl) {

    public static final int DEFAULT_EXPIRED_MINUTES = 30;
    public static final int MIN_EXPIRED_MINUTES = 5;
    public static final int MAX_EXPIRED_MINUTES = 120;

    /** The same request for another pay type (the hosted checkout's wallet choice). */
    public NewPayment withPayType(PayType other) {
        return new NewPayment(txamt, currency, other, outTradeNo, txdtm, txzone, expiredMinutes, goodsName, goodsInfo,
                mchid, udid, returnUrl, notifyUrl);
    }

    /**
     * Fingerprint of what defines the order. {@code txdtm} and {@code udid} are left out: a client
     * retrying after a timeout may stamp a new time, and that is still the same order.
     */
    public String digest() {
        StringBuilder text = new StringBuilder();
        for (Object field : new Object[] {
            txamt, currency, payType.code(), mchid, QfTime.formatZone(txzone),
            expiredMinutes, goodsName, goodsInfo, returnUrl, notifyUrl
        }) {
            String value = field == null ? "\u0000" : field.toString();
            // Length-prefixed so that no two different field lists give the same text.
            text.append(value.length()).append(':').append(value).append(';');
        }
        return Hex.lower(Hex.digest("SHA-256", text.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
