package io.qfgate.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The QFPay signature: every request parameter sorted by name, joined as {@code k=v&k=v} with the
 * decoded values, the client key appended with no separator, hashed, upper-case hex.
 * Responses and notifications are signed over the exact body bytes followed by the key.
 */
public final class QfSignature {
    private QfSignature() {}

    /** The string the docs' samples hash, before the key is appended. */
    public static String canonical(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        // TreeMap over String sorts by UTF-16 code unit, which equals byte order for the ASCII names QFPay uses.
        new TreeMap<>(params).forEach((k, v) -> joined.add(k + "=" + v));
        return joined.toString();
    }

    public static String signParams(Map<String, String> params, String clientKey, SignType type) {
        byte[] text = (canonical(params) + clientKey).getBytes(StandardCharsets.UTF_8);
        return Hex.upper(Hex.digest(type.jcaName(), text));
    }

    public static boolean verifyParams(Map<String, String> params, String clientKey, SignType type, String given) {
        return Hex.equalsIgnoreCaseConstantTime(signParams(params, clientKey, type), given);
    }

    public static String signBody(byte[] body, String clientKey, SignType type) {
        return Hex.upper(Hex.digest(type.jcaName(), body, clientKey.getBytes(StandardCharsets.UTF_8)));
    }

    public static boolean verifyBody(byte[] body, String clientKey, SignType type, String given) {
        return Hex.equalsIgnoreCaseConstantTime(signBody(body, clientKey, type), given);
    }
}
