package io.qfgate.server.store;

/**
 * The row of {@code alipay_settings} as stored: the acquirer's partner id, keys and gateway URL.
 * The store's own type, so that it need not know the Alipay channel; ops turns it into the
 * channel's account. {@code toString} leaves the keys out.
 */
public record AlipaySettings(
        String partner,
        String md5Key,
        String signType,
        String rsaPrivateKey,
        String alipayPublicKey,
        String gatewayUrl) {

    @Override
    public String toString() {
        return "AlipaySettings[partner=" + partner + ", signType=" + signType + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
