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

    @Override
    public String toString() {
        return "AlipayAccount[partner=" + partner + ", signType=" + signType + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
