package io.qfgate.server.web.demo;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo store's guard against cross-site form posts, a signed double-submit cookie: the browser
 * holds a random nonce in a {@code SameSite=Strict} cookie, and each form carries the nonce's
 * HMAC under a key only this process knows. A post counts only when the two match. The store keeps
 * no sessions, so nothing is stored on the server; another site can neither read the cookie nor
 * compute the HMAC of a nonce it planted (e.g. from a sibling host), and SameSite keeps the cookie
 * off its posts anyway. A restart changes the key: a page from before it asks to reload.
 */
final class FormToken {
    static final String COOKIE = "qfgate_demo";
    private static final Pattern NONCE = Pattern.compile("[0-9a-f]{32}");
    private static final HexFormat HEX = HexFormat.of();

    private final SecureRandom random = new SecureRandom();
    private final byte[] key = new byte[32];

    FormToken() {
        random.nextBytes(key);
    }

    /** The browser's nonce if it has a well-formed one (so several tabs share it), else a new one. */
    String nonce(String cookie) {
        if (cookie != null && NONCE.matcher(cookie).matches()) {
            return cookie;
        }
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HEX.formatHex(bytes);
    }

    /** The value of the form's hidden field for this nonce. */
    String field(String nonce) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return HEX.formatHex(mac.doFinal(nonce.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** Whether a post's cookie and field belong together; constant time in the field. */
    boolean matches(String cookie, String field) {
        if (cookie == null || field == null || !NONCE.matcher(cookie).matches() || field.length() != 64) {
            return false;
        }
        return MessageDigest.isEqual(field(cookie).getBytes(StandardCharsets.US_ASCII),
                field.getBytes(StandardCharsets.US_ASCII));
    }
}
