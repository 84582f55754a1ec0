package io.qfgate.client;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.SignType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * An order for the hosted checkout page ({@code GET /checkstand/#/?…}): the shopper's browser is
 * sent to the link {@link QfPayClient#checkoutUrl} makes of it, picks a wallet there and pays. The
 * link carries every parameter in the clear, signed as QFPay's checkout sample signs it (see
 * {@link #sign}); {@code appcode} and {@code sign_type} come from the client. Optional fields are
 * null when not set, and a field set to {@code ""} is left out like an unset one. The gateway is the
 * authority on the rules (lengths, expiry ranges); this class only refuses a link that lacks what
 * the docs call mandatory.
 *
 * @param paysource           ends in {@code _checkout}; {@value #DEFAULT_PAYSOURCE} unless set
 * @param txamt               amount in the currency's minor unit (1099 = 10.99 HKD)
 * @param txdtm               the merchant's local time of the order, sent as {@code yyyy-MM-dd HH:mm:ss}
 * @param returnUrl           where the shopper's browser goes after a successful payment
 * @param failedUrl           where it goes after a failed one, or when {@code checkoutExpiredTime} passes
 * @param notifyUrl           where the gateway POSTs the signed payment notification
 * @param expiredTime         validity of the wallet's QR code in minutes (5 to 120)
 * @param checkoutExpiredTime when the checkout page gives up, sent as epoch milliseconds
 * @param limitPay            {@code no_credit} to refuse credit cards (WeChat Pay only)
 * @param lang                the page's language ({@code en}, {@code zh-cn}, {@code zh-hk}); not signed
 * @param cancelUrl           where the page's "back to the store" button goes
 */
public record CheckoutLink(
        String paysource,
        long txamt,
        Currency txcurrcd,
        String outTradeNo,
        LocalDateTime txdtm,
        String returnUrl,
        String failedUrl,
        String notifyUrl,
        String mchntid,
        String goodsName,
        String udid,
        Integer expiredTime,
        Instant checkoutExpiredTime,
        String limitPay,
        String lang,
        String cancelUrl) {

    /** The path of the checkout page, up to where its parameters start (they live in the URL's fragment). */
    public static final String PATH = "/checkstand/#/?";
    public static final String DEFAULT_PAYSOURCE = "remotepay_checkout";

    public CheckoutLink {
        Objects.requireNonNull(paysource, "paysource");
        Objects.requireNonNull(txcurrcd, "txcurrcd");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(txdtm, "txdtm");
        Objects.requireNonNull(returnUrl, "returnUrl");
        Objects.requireNonNull(failedUrl, "failedUrl");
        Objects.requireNonNull(notifyUrl, "notifyUrl");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The checkout signature, exactly as QFPay's checkout sample computes it: every parameter
     * with a non-empty value except {@code sign} and {@code lang} ({@code appcode} and
     * {@code sign_type} included), sorted by name, joined as {@code k=v&k=v} with the raw values,
     * the client key appended, hashed, lower-case hex. A checkout page verifies a link by
     * recomputing it over the link's decoded parameters.
     */
    public static String sign(Map<String, String> params, String clientKey, SignType type) {
        return QfSignature.signParams(signed(params), clientKey, type).toLowerCase(Locale.ROOT);
    }

    /**
     * The link: {@code baseUrl} + {@link #PATH}, then the signed parameters sorted by name with
     * their values encoded as JavaScript's {@code encodeURIComponent} does, then {@code sign}, then
     * {@code lang} if set: the order and encoding of QFPay's checkout sample.
     */
    URI toUri(String baseUrl, String appCode, String clientKey, SignType type) {
        Map<String, String> params = toParams();
        params.put("appcode", appCode);
        params.put("sign_type", type.name().toLowerCase(Locale.ROOT));
        StringJoiner query = new StringJoiner("&");
        signed(params).forEach((k, v) -> query.add(k + "=" + encodeUriComponent(v)));
        query.add("sign=" + sign(params, clientKey, type));
        if (lang != null && !lang.isEmpty()) {
            query.add("lang=" + encodeUriComponent(lang));
        }
        return URI.create(baseUrl + PATH + query);
    }

    /** The order's parameters as sent (set fields only), without {@code appcode} and {@code sign_type}. */
    Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("paysource", paysource);
        p.put("txamt", Long.toString(txamt));
        p.put("txcurrcd", txcurrcd.name());
        p.put("out_trade_no", outTradeNo);
        p.put("txdtm", QfTime.format(txdtm));
        p.put("return_url", returnUrl);
        p.put("failed_url", failedUrl);
        p.put("notify_url", notifyUrl);
        Wire.putIfSet(p, "mchntid", mchntid);
        Wire.putIfSet(p, "goods_name", goodsName);
        Wire.putIfSet(p, "udid", udid);
        Wire.putIfSet(p, "expired_time", expiredTime == null ? null : expiredTime.toString());
        Wire.putIfSet(p, "checkout_expired_time",
                checkoutExpiredTime == null ? null : Long.toString(checkoutExpiredTime.toEpochMilli()));
        Wire.putIfSet(p, "limit_pay", limitPay);
        Wire.putIfSet(p, "lang", lang);
        Wire.putIfSet(p, "cancel_url", cancelUrl);
        return p;
    }

    /** The parameters the signature covers, sorted by name: the sample skips empty values, sign and lang. */
    private static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> signed = new TreeMap<>();
        params.forEach((k, v) -> {
            if (v != null && !v.isEmpty() && !k.equals("sign") && !k.equals("lang")) {
                signed.put(k, v);
            }
        });
        return signed;
    }

    /**
     * JavaScript's {@code encodeURIComponent}: UTF-8, everything escaped but letters, digits and
     * {@code - _ . ! ~ * ' ( )}. {@link URLEncoder} differs only in writing a space as {@code +}
     * and escaping {@code ! ~ ' ( )}.
     */
    static String encodeUriComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8)
                .replace("+", "%20").replace("%21", "!").replace("%7E", "~")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")");
    }

    public static final class Builder {
        private String paysource = DEFAULT_PAYSOURCE;
        private long txamt;
        private Currency txcurrcd;
        private String outTradeNo;
        private LocalDateTime txdtm;
        private String returnUrl;
        private String failedUrl;
        private String notifyUrl;
        private String mchntid;
        private String goodsName;
        private String udid;
        private Integer expiredTime;
        private Instant checkoutExpiredTime;
        private String limitPay;
        private String lang;
        private String cancelUrl;

        private Builder() {}

        public Builder paysource(String paysource) { this.paysource = paysource; return this; }
        public Builder txamt(long minorUnits) { this.txamt = minorUnits; return this; }
        public Builder txcurrcd(Currency currency) { this.txcurrcd = currency; return this; }
        public Builder outTradeNo(String outTradeNo) { this.outTradeNo = outTradeNo; return this; }
        public Builder txdtm(LocalDateTime txdtm) { this.txdtm = txdtm; return this; }
        public Builder returnUrl(String returnUrl) { this.returnUrl = returnUrl; return this; }
        public Builder failedUrl(String failedUrl) { this.failedUrl = failedUrl; return this; }
        public Builder notifyUrl(String notifyUrl) { this.notifyUrl = notifyUrl; return this; }
        public Builder mchntid(String mchntid) { this.mchntid = mchntid; return this; }
        public Builder goodsName(String goodsName) { this.goodsName = goodsName; return this; }
        public Builder udid(String udid) { this.udid = udid; return this; }
        public Builder expiredTime(Integer minutes) { this.expiredTime = minutes; return this; }
        public Builder checkoutExpiredTime(Instant deadline) { this.checkoutExpiredTime = deadline; return this; }
        public Builder limitPay(String limitPay) { this.limitPay = limitPay; return this; }
        public Builder lang(String lang) { this.lang = lang; return this; }
        public Builder cancelUrl(String cancelUrl) { this.cancelUrl = cancelUrl; return this; }

        public CheckoutLink build() {
            return new CheckoutLink(paysource, txamt, txcurrcd, outTradeNo, txdtm, returnUrl, failedUrl, notifyUrl,
                    mchntid, goodsName, udid, expiredTime, checkoutExpiredTime, limitPay, lang, cancelUrl);
        }
    }
}
