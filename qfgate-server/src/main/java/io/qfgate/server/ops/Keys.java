package io.qfgate.server.ops;

import java.security.SecureRandom;
import java.util.HexFormat;

/** Credentials made with the platform's strong random source. */
public final class Keys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String MCHID_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private Keys() {}

    /** 32 upper-case hex characters (128 bits), the shape of QFPay's app codes and client keys. */
    public static String hex32() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().withUpperCase().formatHex(bytes);
    }

    /** A sub-merchant id: 12 unambiguous letters and digits (QFPay allows up to 16). */
    public static String mchid() {
        return unambiguous(12);
    }

    /** A demo account's password: 20 unambiguous letters and digits (about 116 bits). */
    public static String password() {
        return unambiguous(20);
    }

    private static String unambiguous(int length) {
        StringBuilder id = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            id.append(MCHID_ALPHABET.charAt(RANDOM.nextInt(MCHID_ALPHABET.length())));
        }
        return id.toString();
    }

    /** An Alipay-shaped partner id: 2088 and 12 digits. */
    public static String alipayPartner() {
        StringBuilder id = new StringBuilder("2088");
        for (int i = 0; i < 12; i++) {
            id.append(RANDOM.nextInt(10));
        }
        return id.toString();
    }
}
