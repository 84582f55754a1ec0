package io.qfgate.server.channel.alipay;

/**
 * The gateway's acquirer account at Alipay ("partner", {@code 2088…}) and how requests to Alipay
 * are signed. {@code gatewayUrl} null means the embedded sandbox of this gateway.
 */
public record AlipayAccount(
        String partner,
        String md5Key,
        String signType,
        String rsaPrivateKey,
        String alipayPublicKey,
        String gatewayUrl) {

    /** The embedded sandbox's partner: MD5-signed, served by this gateway (no gateway URL). */
    public static AlipayAccount sandbox(String partner, String md5Key) {
        return new AlipayAccount(partner, md5Key, "MD5", null, null, null);
    }

    /**
     * The embedded sandbox's partner switched to RSA2: requests signed with the merchant key,
     * answers and notifications checked with the sandbox's Alipay key only (no MD5 key: an
     * MD5-signed answer is refused, as it would be from Alipay to an RSA2 account).
     */
    public static AlipayAccount sandboxRsa2(String partner, String rsaPrivateKey, String alipayPublicKey) {
        return new AlipayAccount(partner, null, "RSA2", rsaPrivateKey, alipayPublicKey, null);
    }

    @Override
    public String toString() {
        return "AlipayAccount[partner=" + partner + ", signType=" + signType + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
