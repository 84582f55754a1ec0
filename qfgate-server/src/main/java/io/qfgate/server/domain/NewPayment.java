package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
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
}
