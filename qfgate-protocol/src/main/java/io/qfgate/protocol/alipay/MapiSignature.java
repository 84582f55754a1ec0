package io.qfgate.protocol.alipay;

import io.qfgate.protocol.Hex;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * Alipay MAPI ({@code gateway.do}) signatures, used by the gateway's Alipay channel and by the
 * sandbox that plays Alipay. Parameters are sorted by name, {@code sign}, {@code sign_type} and
 * empty values left out, joined {@code k=v&…}; MD5 appends the partner key and hashes to
 * lower-case hex, RSA2 is SHA256withRSA over the same string, base64.
 */
public final class MapiSignature {
    private MapiSignature() {}

    public static final String MD5 = "MD5";
    public static final String RSA2 = "RSA2";

    public static String canonical(Map<String, String> params) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!k.equals("sign") && !k.equals("sign_type") && v != null && !v.isEmpty()) {
                joined.add(k + "=" + v);
            }
        });
        return joined.toString();
    }

    public static String md5(Map<String, String> params, String partnerKey) {
        byte[] text = (canonical(params) + partnerKey).getBytes(StandardCharsets.UTF_8);
        return Hex.lower(Hex.digest("MD5", text));
    }

    public static boolean verifyMd5(Map<String, String> params, String partnerKey, String given) {
        return Hex.equalsIgnoreCaseConstantTime(md5(params, partnerKey), given);
    }

    public static String rsa2(Map<String, String> params, PrivateKey key) {
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initSign(key);
            s.update(canonical(params).getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(s.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign with RSA2", e);
        }
    }

    public static boolean verifyRsa2(Map<String, String> params, PublicKey key, String given) {
        if (given == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance("SHA256withRSA");
            s.initVerify(key);
            s.update(canonical(params).getBytes(StandardCharsets.UTF_8));
            return s.verify(Base64.getDecoder().decode(given));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            return false;
        }
    }

    /** A PKCS#8 private key in base64 (PEM armour and whitespace allowed). */
    public static PrivateKey privateKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decodePem(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not a PKCS#8 RSA private key", e);
        }
    }

    /** An X.509 (SubjectPublicKeyInfo) public key in base64 (PEM armour and whitespace allowed). */
    public static PublicKey publicKey(String base64) {
        try {
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(decodePem(base64)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("not an X.509 RSA public key", e);
        }
    }

    private static byte[] decodePem(String text) {
        String body = text.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return Base64.getDecoder().decode(body);
    }
}
