package io.qfgate.server.channel.alipay;

import io.qfgate.protocol.alipay.MapiSignature;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;

/** Signs what the gateway sends Alipay, and checks what Alipay sends back, per the partner account. */
final class MapiSigner {
    private final AlipayAccount account;
    private final PrivateKey rsaKey;
    private final PublicKey alipayKey;

    MapiSigner(AlipayAccount account) {
        this.account = account;
        boolean rsa = MapiSignature.RSA2.equals(account.signType());
        this.rsaKey = rsa ? MapiSignature.privateKey(account.rsaPrivateKey()) : null;
        this.alipayKey = account.alipayPublicKey() == null ? null : MapiSignature.publicKey(account.alipayPublicKey());
    }

    String partner() {
        return account.partner();
    }

    /** Adds {@code sign} and {@code sign_type} with the account's method. */
    void sign(Map<String, String> params) {
        if (rsaKey != null) {
            params.put("sign", MapiSignature.rsa2(params, rsaKey));
            params.put("sign_type", MapiSignature.RSA2);
        } else {
            params.put("sign", MapiSignature.md5(params, account.md5Key()));
            params.put("sign_type", MapiSignature.MD5);
        }
    }

    /** Checks Alipay's signature: MD5 with the partner key, or RSA2 with Alipay's public key. */
    boolean verify(Map<String, String> params, String signType, String sign) {
        if (MapiSignature.RSA2.equals(signType)) {
            return alipayKey != null && MapiSignature.verifyRsa2(params, alipayKey, sign);
        }
        if (MapiSignature.MD5.equals(signType) || signType == null) {
            return account.md5Key() != null && MapiSignature.verifyMd5(params, account.md5Key(), sign);
        }
        return false;
    }
}
