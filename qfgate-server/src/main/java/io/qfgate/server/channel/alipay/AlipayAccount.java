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

    @Override
    public String toString() {
        return "AlipayAccount[partner=" + partner + ", signType=" + signType + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
