package io.qfgate.protocol;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

/** Digests and their hex forms, shared by the QFPay and Alipay signatures. */
public final class Hex {
    private Hex() {}

    public static byte[] digest(String algorithm, byte[]... parts) {
        MessageDigest md = newDigest(algorithm);
        for (byte[] part : parts) {
            md.update(part);
        }
        return md.digest();
    }

    /** Prototypes to clone: looking a digest up by name on every call showed in the profile. */
    private static final ConcurrentHashMap<String, MessageDigest> PROTOTYPES = new ConcurrentHashMap<>();

    private static MessageDigest newDigest(String algorithm) {
        try {
            MessageDigest prototype = PROTOTYPES.get(algorithm);
            if (prototype == null) {
                prototype = MessageDigest.getInstance(algorithm);
                PROTOTYPES.putIfAbsent(algorithm, prototype);
            }
            return (MessageDigest) prototype.clone();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + algorithm, e);
        } catch (CloneNotSupportedException e) {
            try {
                return MessageDigest.getInstance(algorithm);
            } catch (NoSuchAlgorithmException impossible) {
                throw new IllegalStateException("JDK lacks " + algorithm, impossible);
            }
        }
    }

    public static String upper(byte[] bytes) {
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    public static String lower(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    /**
     * Compares a hex signature the caller sent with the one we computed, ignoring hex case,
     * in time independent of where they differ (both are normalised to upper case first).
     * Only ASCII letters are case-folded: {@code String.toUpperCase} would turn non-hex
     * characters into hex digits (U+FB00 "ﬀ" becomes "FF").
     */
    public static boolean equalsIgnoreCaseConstantTime(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        byte[] a = asciiUpper(expected);
        byte[] b = asciiUpper(given.trim());
        return MessageDigest.isEqual(a, b);
    }

    /** US-ASCII bytes (anything else becomes '?', never a hex digit) with a-z upper-cased. */
    private static byte[] asciiUpper(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] >= 'a' && bytes[i] <= 'z') {
                bytes[i] -= 'a' - 'A';
            }
        }
        return bytes;
    }
}
