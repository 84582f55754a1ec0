package io.qfgate.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * QFPay's published pay-type table, every row of it. The gateway knows all of them so that it can refuse the ones it has no
 * channel for by name; which ones it can carry is the channels' business, not this table's.
 */
public enum PayType {
    UNIFIED_CPM("800008", "Consumer Presented QR Code for WeChat Pay, Alipay, UnionPay Quick Pass and PayMe"),
    ALIPAY_MPM("800101", "Alipay Merchant Presented QR Code"),
    ALIPAY_CPM("800108", "Alipay Consumer Presented QR Code"),
    ALIPAY_ONLINE_WEB("801101", "Alipay Online WEB (overseas merchants)"),
    ALIPAY_ONLINE_WAP("801107", "Alipay Online WAP (overseas merchants)"),
    ALIPAY_IN_APP("801110", "Alipay in-app (overseas merchants)"),
    ALIPAY_HK_MPM("801501", "Alipay Merchant Presented QR Code (Hong Kong merchants)"),
    ALIPAY_HK_IN_APP("801510", "Alipay in-app (Hong Kong merchants)"),
    ALIPAY_HK_ONLINE_WAP("801512", "Alipay Online WAP (Hong Kong merchants)"),
    ALIPAY_HK_ONLINE_WEB("801514", "Alipay Online WEB (Hong Kong merchants)"),
    ALIPAY_SERVICE_WINDOW("800107", "Alipay service window H5"),
    WECHAT_MPM("800201", "WeChat Pay Merchant Presented QR Code"),
    WECHAT_CPM("800208", "WeChat Pay Consumer Presented QR Code"),
    WECHAT_JSAPI("800207", "WeChat Pay JSAPI"),
    WECHAT_WAP("800212", "WeChat Pay H5"),
    WECHAT_IN_APP("800210", "WeChat Pay in-app"),
    WECHAT_MINI_PROGRAM("800213", "WeChat Pay mini program"),
    WECHAT_HK_CPM("801008", "WeChat Pay HK Consumer Presented QR Code (direct settlement)"),
    WECHAT_HK_IN_APP("801010", "WeChat Pay HK in-app (direct settlement)"),
    PAYME_MPM("805801", "PayMe Merchant Presented QR Code"),
    PAYME_CPM("805808", "PayMe Consumer Presented QR Code"),
    PAYME_WAP("805812", "PayMe Online WAP"),
    PAYME_WEB("805814", "PayMe Online WEB"),
    UNIONPAY_MPM("800701", "UnionPay Merchant Presented QR Code"),
    UNIONPAY_CPM("800708", "UnionPay Consumer Presented QR Code"),
    UNIONPAY_WAP("800712", "UnionPay Online WAP"),
    UNIONPAY_WEB("800714", "UnionPay Online WEB"),
    FPS_MPM("802001", "FPS Merchant Presented QR Code"),
    OCTOPUS("803701", "Octopus dynamic QR Code"),
    OCTOPUS_WAP("803712", "Octopus Online WAP"),
    OCTOPUS_WEB("803714", "Octopus Online WEB"),
    CARD_ONLINE("802801", "Visa / Mastercard online"),
    CARD_OFFLINE("802808", "Visa / Mastercard offline"),
    APPLE_PAY("806527", "Apple Pay online"),
    UNIONPAY_CARD_OFFLINE("806708", "UnionPay card offline"),
    AMEX_CARD_OFFLINE("806808", "American Express card offline");

    private static final Map<String, PayType> BY_CODE =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(PayType::code, Function.identity()));

    private final String code;
    private final String description;

    PayType(String code, String description) {
        this.code = code;
        this.description = description;
    }

    public String code() {
        return code;
    }

    public String description() {
        return description;
    }

    public static Optional<PayType> of(String code) {
        return Optional.ofNullable(code == null ? null : BY_CODE.get(code));
    }

    /** WAP pay types: Alipay limits their return_url to 200 characters. */
    public boolean isWap() {
        return this == ALIPAY_ONLINE_WAP || this == ALIPAY_HK_ONLINE_WAP;
    }
}
