package io.qfgate.sandbox;

import io.qfgate.protocol.alipay.MapiSignature;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.util.Base64;
import java.util.Map;

/**
 * How the sandbox signs what it sends as Alipay (XML answers, notifications, return
 * parameters), as Alipay does: for a partner with an RSA public key (an RSA2 partner),
 * SHA256withRSA with Alipay's own private key, which the merchant checks with Alipay's public
 * key; for an MD5 partner, MD5 with the partner key.
 */
public final class AlipaySigner {
    private final PrivateKey alipayKey;

    /** {@code alipayKeys} may be null when no partner uses RSA2. */
    public AlipaySigner(KeyPair alipayKeys) {
        this.alipayKey = alipayKeys == null ? null : alipayKeys.getPrivate();
    }

    public String signType(Partner partner) {
        return partner.usesRsa() ? MapiSignature.RSA2 : MapiSignature.MD5;
    }

    /** The signature of these parameters (sorted, without sign, sign_type and empty values). */
    public String sign(Partner partner, Map<String, String> params) {
        if (!partner.usesRsa()) {
            return MapiSignature.md5(params, partner.md5Key());
        }
        if (alipayKey == null) {
            throw new IllegalStateException("partner " + partner.partnerId() + " uses RSA2 but the sandbox has no key");
        }
        return MapiSignature.rsa2(params, alipayKey);
    }

    /** Adds {@code sign} and {@code sign_type} to {@code params}. */
    public void addSignature(Partner partner, Map<String, String> params) {
        params.put("sign", sign(partner, params));
        params.put("sign_type", signType(partner));
    }

    /** A new 2048-bit key pair to sign as Alipay with. */
    public static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** X.509 SubjectPublicKeyInfo, base64: what the merchant configures as Alipay's public key. */
    public static String publicKeyBase64(KeyPair keys) {
        return Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());
    }
}
