package io.qfgate.server.web.checkstand;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.SignType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.NotifyTargets;
import io.qfgate.server.domain.Stores;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A hosted-checkout link (QFPay's {@code /checkstand/#/?...}) after every check: the app it names,
 * its signature, and each field's shape and length (docs/api.md, Hosted checkout). The checks
 * that need the merchant or the channel are {@code PaymentService}'s, when the shopper picks a
 * wallet.
 */
record CheckoutLink(
        App app,
        Map<String, String> params,
        long txamt,
        Currency currency,
        String outTradeNo,
        String txdtm,
        String returnUrl,
        String failedUrl,
        String notifyUrl,
        String cancelUrl,
        String mchntid,
        String goodsName,
        String udid,
        int expiredMinutes,
        Long checkoutExpiresAt) {

    /** QFPay's lengths, except {@code paysource}: its String(12) is shorter than its own example. */
    private static final Map<String, Integer> REQUIRED = ordered(
            "appcode", 64, "sign_type", 256, "sign", 128, "paysource", 64, "txamt", 11, "txcurrcd", 3,
            "out_trade_no", 128, "txdtm", 32, "return_url", 256, "failed_url", 256, "notify_url", 256);
    private static final Map<String, Integer> OPTIONAL = ordered(
            "mchntid", 16, "goods_name", 64, "udid", 40, "expired_time", 3, "checkout_expired_time", 13,
            "limit_pay", 16, "lang", 5, "cancel_url", 256);
    /** A parameter of a later version of the link is signed like the rest, and otherwise ignored. */
    private static final Pattern OTHER_NAME = Pattern.compile("[a-z0-9_]{1,32}");
    private static final int OTHER_MAX = 256;
    private static final int MAX_PARAMS = 32;
    /** Not signed: the language may be changed on the page without breaking the link. */
    static final String LANG = "lang";

    /** The link's parameters, each given at most once, with empty ones left out (as the signature leaves them). */
    static Map<String, String> single(Map<String, List<String>> raw) {
        if (raw.size() > MAX_PARAMS) {
            throw LinkProblem.of(400, "error.tooMany", "at most " + MAX_PARAMS + " parameters");
        }
        Map<String, String> params = new LinkedHashMap<>();
        raw.forEach((name, values) -> {
            if (values.size() > 1) {
                throw LinkProblem.of(400, "error.repeated", name + ": given " + values.size() + " times", name);
            }
            String value = values.isEmpty() ? "" : values.getFirst();
            if (!value.isEmpty()) {
                params.put(name, value);
            }
        });
        return params;
    }

    /** Reads and checks the link; throws {@link LinkProblem} naming the first thing wrong. */
    static CheckoutLink read(Map<String, String> params, Stores.Apps apps, NotifyTargets targets) {
        checkShape(params);
        App app = apps.byAppCode(params.get("appcode"))
                .orElseThrow(() -> LinkProblem.of(403, "error.unknownApp", "appcode: no such app"));
        if (!app.enabled()) {
            throw LinkProblem.of(403, "error.disabledApp", "appcode: the app is disabled");
        }
        verifySignature(params, app);
        if (!params.get("paysource").endsWith("_checkout")) {
            throw LinkProblem.of(400, "error.paysource", "paysource: must end in _checkout");
        }
        return new CheckoutLink(app, params, amount(params.get("txamt")), currency(params.get("txcurrcd")),
                params.get("out_trade_no"), txdtm(params.get("txdtm")), url(params, "return_url"),
                url(params, "failed_url"), notifyUrl(params, targets), url(params, "cancel_url"),
                params.get("mchntid"), params.get("goods_name"), params.get("udid"),
                expiredMinutes(params.get("expired_time")), epochMillis(params.get("checkout_expired_time")));
    }

    /** Every required field present, every field within its length and free of control characters. */
    private static void checkShape(Map<String, String> params) {
        REQUIRED.keySet().forEach(name -> {
            if (!params.containsKey(name)) {
                throw LinkProblem.missing(name);
            }
        });
        params.forEach((name, value) -> {
            Integer max = REQUIRED.getOrDefault(name, OPTIONAL.get(name));
            if (max == null && !OTHER_NAME.matcher(name).matches()) {
                throw LinkProblem.invalid(name.length() > 32 ? name.substring(0, 32) + "…" : name, "not a parameter name");
            }
            if (value.length() > (max == null ? OTHER_MAX : max)) {
                throw LinkProblem.tooLong(name, max == null ? OTHER_MAX : max);
            }
            if (value.chars().anyMatch(Character::isISOControl)) {
                throw LinkProblem.invalid(name, "contains control characters");
            }
        });
    }

    /**
     * QFPay's checkout signature, as its JavaScript sample makes it: every non-empty parameter but
     * {@code sign} and {@code lang}, sorted by name, {@code k=v} joined with {@code &} (values as
     * they are, not URL-encoded), the app's key appended, MD5 or SHA-256 in hex of either case.
     */
    static boolean signatureMatches(Map<String, String> params, String key) {
        SignType type = signType(params.get("sign_type"));
        return QfSignature.verifyParams(signed(params), key, type, params.get("sign"));
    }

    static Map<String, String> signed(Map<String, String> params) {
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("sign");
        signed.remove(LANG);
        signed.values().removeIf(String::isEmpty);
        return signed;
    }

    private static void verifySignature(Map<String, String> params, App app) {
        if (!signatureMatches(params, app.clientKey())) {
            throw LinkProblem.of(403, "error.signature",
                    "sign: does not match the link's parameters signed with the app's client key");
        }
    }

    private static SignType signType(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "md5" -> SignType.MD5;
            case "sha256" -> SignType.SHA256;
            default -> throw LinkProblem.invalid("sign_type", "must be md5 or sha256, got " + text);
        };
    }

    private static long amount(String text) {
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9') || Long.parseLong(text) <= 0) {
            throw LinkProblem.invalid("txamt", "must be a whole number of minor units above 0, got " + text);
        }
        return Long.parseLong(text);
    }

    private static Currency currency(String code) {
        return Currency.of(code).orElseThrow(() -> LinkProblem.invalid("txcurrcd", "unknown currency " + code));
    }

    private static String txdtm(String text) {
        if (QfTime.parse(text).isEmpty()) {
            throw LinkProblem.invalid("txdtm", "must be a real time written YYYY-MM-DD hh:mm:ss, got " + text);
        }
        return text;
    }

    /** An absolute http(s) URL, or null when the optional field is absent. */
    private static String url(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null) {
            return null;
        }
        try {
            URI uri = new URI(value);
            if (uri.getScheme() == null || !uri.getScheme().toLowerCase(Locale.ROOT).matches("https?")
                    || uri.getHost() == null) {
                throw LinkProblem.invalid(name, "must be an absolute http or https URL");
            }
        } catch (URISyntaxException e) {
            throw LinkProblem.invalid(name, "is not a valid URL");
        }
        return value;
    }

    private static String notifyUrl(Map<String, String> params, NotifyTargets targets) {
        String url = url(params, "notify_url");
        targets.problemWith(url).ifPresent(problem -> {
            throw LinkProblem.invalid("notify_url", "the gateway would not send notifications there: " + problem);
        });
        return url;
    }

    private static int expiredMinutes(String text) {
        if (text == null) {
            return NewPayment.DEFAULT_EXPIRED_MINUTES;
        }
        int minutes = text.chars().allMatch(c -> c >= '0' && c <= '9') ? Integer.parseInt(text) : -1;
        if (minutes < NewPayment.MIN_EXPIRED_MINUTES || minutes > NewPayment.MAX_EXPIRED_MINUTES) {
            throw LinkProblem.invalid("expired_time", "must be " + NewPayment.MIN_EXPIRED_MINUTES + " to "
                    + NewPayment.MAX_EXPIRED_MINUTES + " minutes, got " + text);
        }
        return minutes;
    }

    private static Long epochMillis(String text) {
        if (text == null) {
            return null;
        }
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw LinkProblem.invalid("checkout_expired_time", "must be a time in epoch milliseconds, got " + text);
        }
        return Long.parseLong(text);
    }

    /** The payment this link asks for, paid with {@code payType} (the wallet the shopper picked). */
    NewPayment payment(PayType payType) {
        return new NewPayment(txamt, currency, payType, outTradeNo, txdtm, QfTime.DEFAULT_ZONE, expiredMinutes,
                goodsName, null, mchntid, udid, returnUrl, notifyUrl);
    }

    /** Whether the merchant's {@code checkout_expired_time} has passed at {@code nowMillis}. */
    boolean expiredAt(long nowMillis) {
        return checkoutExpiresAt != null && nowMillis >= checkoutExpiresAt;
    }

    private static Map<String, Integer> ordered(Object... pairs) {
        Map<String, Integer> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], (Integer) pairs[i + 1]);
        }
        return Map.copyOf(map);
    }
}
