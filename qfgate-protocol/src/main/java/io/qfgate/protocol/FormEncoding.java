package io.qfgate.protocol;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code application/x-www-form-urlencoded}, as both protocols send it: QFPay's request bodies
 * and query strings, Alipay MAPI's calls and notifications.
 */
public final class FormEncoding {
    private FormEncoding() {}

    /** {@code k=v} pairs in the map's order, joined by {@code &}, names and values URL-encoded in UTF-8. */
    public static String encode(Map<String, String> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }
}
