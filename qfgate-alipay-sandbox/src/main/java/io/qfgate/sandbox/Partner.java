package io.qfgate.sandbox;

import java.util.Objects;

/**
 * An Alipay cross-border acquirer account ("partner") the sandbox knows. Requests signed with
 * MD5 are checked against {@code md5Key}; requests signed with RSA2 against
 * {@code rsaPublicKeyBase64} (X.509, base64 or PEM), which may be null when the partner only
 * uses MD5. A partner with an RSA key is an RSA2 partner: what the sandbox sends it (answers,
 * notifications, return parameters) is signed RSA2 with the sandbox's Alipay key, else MD5.
 */
public record Partner(String partnerId, String md5Key, String rsaPublicKeyBase64, String merchantName) {
    public Partner {
        Objects.requireNonNull(partnerId, "partnerId");
        Objects.requireNonNull(md5Key, "md5Key");
        Objects.requireNonNull(merchantName, "merchantName");
        if (partnerId.isBlank() || md5Key.isBlank()) {
            throw new IllegalArgumentException("a partner needs a partner id and an MD5 key");
        }
    }

    public boolean usesRsa() {
        return rsaPublicKeyBase64 != null && !rsaPublicKeyBase64.isBlank();
    }

    /** Never print the key. */
    @Override
    public String toString() {
        return "Partner[" + partnerId + ", " + merchantName + "]";
    }
}
