package io.qfgate.server.web.checkstand;

import io.qfgate.protocol.Hex;
import io.qfgate.protocol.SignType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checkout links made the way QFPay's checkout sample (its JavaScript {@code paramStringify})
 * makes them, line for line, so that the tests sign as a merchant following the docs would.
 */
public final class CheckoutLinks {
    private CheckoutLinks() {}

    /**
     * The sample's {@code paramStringify(json, flag)}: keys sorted, empty values skipped,
     * {@code k=v&} each ({@code encodeURIComponent(v)} when {@code flag}), the last {@code &} cut.
     */
    public static String paramStringify(Map<String, String> json, boolean flag) {
        StringBuilder str = new StringBuilder();
        new TreeMap<>(json).forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                return;
            }
            str.append(key).append('=').append(flag ? encodeURIComponent(value) : value).append('&');
        });
        return str.isEmpty() ? "" : str.substring(0, str.length() - 1);
    }

    /**
     * The sample's link: {@code origin + paramStringify(obj, true) + "&sign=" + hash(paramStringify(obj) + key)},
     * the hash as blueimp-md5 and js-sha256 give it (lower-case hex).
     */
    public static String link(String origin, Map<String, String> obj, String apiKey, SignType type) {
        return origin + paramStringify(obj, true) + "&sign=" + sign(obj, apiKey, type);
    }

    public static String sign(Map<String, String> obj, String apiKey, SignType type) {
        byte[] text = (paramStringify(obj, false) + apiKey).getBytes(StandardCharsets.UTF_8);
        return Hex.lower(Hex.digest(type.jcaName(), text));
    }

    /** JavaScript's encodeURIComponent: everything but {@code A-Z a-z 0-9 - _ . ! ~ * ' ( )} percent-encoded as UTF-8. */
    public static String encodeURIComponent(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("%21", "!")
                .replace("%27", "'").replace("%28", "(").replace("%29", ")").replace("%7E", "~");
    }

    /** The sample's {@code obj} for this app and order, with the shop's URLs. */
    public static Map<String, String> order(String appcode, String outTradeNo, String shopUrl, String signType) {
        Map<String, String> obj = new LinkedHashMap<>();
        obj.put("appcode", appcode);
        obj.put("goods_name", "Kowloon Books order");
        obj.put("out_trade_no", outTradeNo);
        obj.put("paysource", "remotepay_checkout");
        obj.put("return_url", shopUrl + "/thanks?order=" + outTradeNo);
        obj.put("failed_url", shopUrl + "/failed?order=" + outTradeNo);
        obj.put("notify_url", shopUrl + "/notify");
        obj.put("sign_type", signType);
        obj.put("txamt", "300");
        obj.put("txcurrcd", "HKD");
        obj.put("txdtm", "2026-11-27 10:00:00");
        return obj;
    }
}
