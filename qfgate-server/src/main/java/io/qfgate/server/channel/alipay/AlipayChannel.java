package io.qfgate.server.channel.alipay;

import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.server.domain.Channel;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Alipay online payments over Alipay's MAPI ({@code gateway.do}). The gateway is the acquirer
 * ("partner"); each merchant appears to Alipay as a secondary merchant.
 */
public final class AlipayChannel implements Channel {
    /** Path of the gateway's own endpoint for Alipay's asynchronous notifications. */
    public static final String NOTIFY_PATH = "/trade/alipay/v1/online_notify";

    private static final Set<PayType> PAY_TYPES = Set.of(
            PayType.ALIPAY_ONLINE_WEB, PayType.ALIPAY_ONLINE_WAP,
            PayType.ALIPAY_HK_ONLINE_WEB, PayType.ALIPAY_HK_ONLINE_WAP);

    /** Size of the QR AlipayHK draws for embedding (qr_pay_mode 4), in pixels. */
    private static final String HK_QRCODE_WIDTH = "200";

    private final AlipayAccount account;
    private final String gatewayUrl;
    private final String notifyUrl;
    private final PrivateKey rsaKey;

    /**
     * @param gatewayUrl Alipay's {@code gateway.do} (the real one, or a sandbox)
     * @param notifyUrl  where Alipay posts payment results: this gateway's {@link #NOTIFY_PATH}
     */
    public AlipayChannel(AlipayAccount account, String gatewayUrl, String notifyUrl) {
        this.account = account;
        this.gatewayUrl = gatewayUrl;
        this.notifyUrl = notifyUrl;
        this.rsaKey = account != null && MapiSignature.RSA2.equals(account.signType())
                ? MapiSignature.privateKey(account.rsaPrivateKey())
                : null;
    }

    @Override
    public Set<PayType> payTypes() {
        return PAY_TYPES;
    }

    @Override
    public String payUrl(Transaction order, Merchant merchant) {
        if (account == null) {
            throw new Refusal(Respcd.STORE_MISCONFIGURED,
                    "the gateway has no Alipay partner account configured (./qfgate alipay set)");
        }
        PayType payType = order.payType();
        boolean wap = payType.isWap();
        boolean hongKong = payType == PayType.ALIPAY_HK_ONLINE_WEB || payType == PayType.ALIPAY_HK_ONLINE_WAP;

        Map<String, String> params = new LinkedHashMap<>();
        params.put("service", wap ? "create_forex_trade_wap" : "create_forex_trade");
        params.put("partner", account.partner());
        params.put("_input_charset", "UTF-8");
        params.put("notify_url", notifyUrl);
        params.put("return_url", order.returnUrl() == null ? "" : order.returnUrl());
        params.put("out_trade_no", order.syssn());
        params.put("subject", order.goodsName() != null && !order.goodsName().isBlank() ? order.goodsName() : merchant.name());
        params.put("total_fee", order.currency().toMajor(order.txamt()));
        params.put("currency", order.currency().name());
        params.put("product_code", wap ? "NEW_WAP_OVERSEAS_SELLER" : "NEW_OVERSEAS_SELLER");
        params.put("order_valid_time", Integer.toString(order.expiredMinutes() * 60));
        params.put("order_gmt_create", QfTime.format(order.sysdtm()));
        params.put("secondary_merchant_id", Long.toString(merchant.id()));
        params.put("secondary_merchant_name", merchant.name());
        params.put("secondary_merchant_industry", merchant.mcc());
        if (hongKong) {
            params.put("payment_inst", "ALIPAYHK");
        }
        if (payType == PayType.ALIPAY_HK_ONLINE_WEB) {
            // AlipayHK has no cashier page: ask for the bare QR, for the merchant to put in an iframe.
            params.put("qr_pay_mode", "4");
            params.put("qrcode_width", HK_QRCODE_WIDTH);
        }
        sign(params);
        return gatewayUrl + "?" + encode(params);
    }

    /** Adds {@code sign_type} and {@code sign} with the account's method. */
    void sign(Map<String, String> params) {
        if (rsaKey != null) {
            params.put("sign", MapiSignature.rsa2(params, rsaKey));
            params.put("sign_type", MapiSignature.RSA2);
        } else {
            params.put("sign", MapiSignature.md5(params, account.md5Key()));
            params.put("sign_type", MapiSignature.MD5);
        }
    }

    static String encode(Map<String, String> params) {
        StringJoiner query = new StringJoiner("&");
        params.forEach((k, v) -> query.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return query.toString();
    }
}
