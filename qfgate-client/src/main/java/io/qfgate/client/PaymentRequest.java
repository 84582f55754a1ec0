package io.qfgate.client;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Parameters of {@code POST /trade/v1/payment}. Optional fields are null when not set; only set
 * fields are sent and signed. The gateway is the authority on the rules (lengths, expiry range,
 * pay types enabled for the app) and answers a violation with a {@code respcd} and a
 * {@code resperr} naming the field; this class only refuses what it could not send at all.
 *
 * @param txamt       amount in the currency's minor unit (100 = 1.00 HKD; 500 = 500 JPY)
 * @param txdtm       the merchant's local time of the request, sent as {@code yyyy-MM-dd HH:mm:ss}
 * @param expiredTime order validity in minutes
 * @param txzone      the zone of {@code txdtm}, sent as {@code +0800}; the gateway assumes UTC+8 without it
 * @param extra       further parameters this SDK does not name; they are sent and signed like the others
 */
public record PaymentRequest(
        long txamt,
        Currency txcurrcd,
        String payType,
        String outTradeNo,
        LocalDateTime txdtm,
        Integer expiredTime,
        String goodsName,
        String goodsInfo,
        String mchid,
        ZoneOffset txzone,
        String udid,
        String returnUrl,
        String notifyUrl,
        Map<String, String> extra) {

    private static final Set<String> NAMED = Set.of(
            "txamt", "txcurrcd", "pay_type", "out_trade_no", "txdtm", "expired_time", "goods_name",
            "goods_info", "mchid", "txzone", "udid", "return_url", "notify_url");

    public PaymentRequest {
        Objects.requireNonNull(txcurrcd, "txcurrcd");
        Objects.requireNonNull(payType, "payType");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(txdtm, "txdtm");
        extra = extra == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(extra));
        for (var e : extra.entrySet()) {
            // Two values for one name would be signed one way and parsed another by the gateway.
            if (NAMED.contains(e.getKey())) {
                throw new IllegalArgumentException("extra parameter '" + e.getKey() + "' has a typed setter; use it");
            }
            Objects.requireNonNull(e.getValue(), () -> "extra parameter '" + e.getKey() + "' is null");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The wire form: parameter name → decoded value, set fields only. */
    Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txamt", Long.toString(txamt));
        p.put("txcurrcd", txcurrcd.name());
        p.put("pay_type", payType);
        p.put("out_trade_no", outTradeNo);
        p.put("txdtm", QfTime.format(txdtm));
        Wire.putIfSet(p, "expired_time", expiredTime == null ? null : expiredTime.toString());
        Wire.putIfSet(p, "goods_name", goodsName);
        Wire.putIfSet(p, "goods_info", goodsInfo);
        Wire.putIfSet(p, "mchid", mchid);
        Wire.putIfSet(p, "txzone", txzone == null ? null : QfTime.formatZone(txzone));
        Wire.putIfSet(p, "udid", udid);
        Wire.putIfSet(p, "return_url", returnUrl);
        Wire.putIfSet(p, "notify_url", notifyUrl);
        p.putAll(extra);
        return p;
    }

    public static final class Builder {
        private long txamt;
        private Currency txcurrcd;
        private String payType;
        private String outTradeNo;
        private LocalDateTime txdtm;
        private Integer expiredTime;
        private String goodsName;
        private String goodsInfo;
        private String mchid;
        private ZoneOffset txzone;
        private String udid;
        private String returnUrl;
        private String notifyUrl;
        private final Map<String, String> extra = new LinkedHashMap<>();

        private Builder() {}

        public Builder txamt(long minorUnits) { this.txamt = minorUnits; return this; }
        public Builder txcurrcd(Currency currency) { this.txcurrcd = currency; return this; }
        public Builder payType(String code) { this.payType = code; return this; }
        public Builder payType(PayType type) { this.payType = type.code(); return this; }
        public Builder outTradeNo(String outTradeNo) { this.outTradeNo = outTradeNo; return this; }
        public Builder txdtm(LocalDateTime txdtm) { this.txdtm = txdtm; return this; }
        public Builder expiredTime(Integer minutes) { this.expiredTime = minutes; return this; }
        public Builder goodsName(String goodsName) { this.goodsName = goodsName; return this; }
        public Builder goodsInfo(String goodsInfo) { this.goodsInfo = goodsInfo; return this; }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }
        public Builder txzone(ZoneOffset txzone) { this.txzone = txzone; return this; }
        public Builder udid(String udid) { this.udid = udid; return this; }
        public Builder returnUrl(String returnUrl) { this.returnUrl = returnUrl; return this; }
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; return this; }

        /** Adds parameters this SDK has no setter for; they are sent and signed as given. */
        public Builder extra(Map<String, String> params) { this.extra.putAll(params); return this; }
        public Builder extra(String name, String value) { this.extra.put(name, value); return this; }

        public PaymentRequest build() {
            return new PaymentRequest(txamt, txcurrcd, payType, outTradeNo, txdtm, expiredTime, goodsName,
                    goodsInfo, mchid, txzone, udid, returnUrl, notifyUrl, extra);
        }
    }
}
