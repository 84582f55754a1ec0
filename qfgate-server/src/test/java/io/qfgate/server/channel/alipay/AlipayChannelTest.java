package io.qfgate.server.channel.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The Alipay MAPI URL a shopper is sent to, and its signature. */
class AlipayChannelTest {
    static final String GATEWAY = "https://alipay.example/gateway.do";
    static final String NOTIFY = "https://qfgate.example/trade/alipay/v1/online_notify";
    static final AlipayAccount MD5_ACCOUNT =
            new AlipayAccount("2088631377368888", "partnerkey0123456789abcdef012345", "MD5", null, null, null);
    static final Merchant SHOP = new Merchant(2565075, 1, null, "Harbour Tea House", "5812",
            Set.of(PayType.values()), Set.of(Currency.values()), null, true);

    static final App APP = new App(1, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Harbour Tea House", null,
            100, 400);

    static Transaction order(PayType payType, long txamt, Currency currency, String goodsName, String returnUrl) {
        LocalDateTime sysdtm = LocalDateTime.of(2020, 4, 13, 10, 30, 34);
        NewPayment request = new NewPayment(txamt, currency, payType, "4K35N374", "2020-04-13 10:30:34",
                ZoneOffset.ofHours(8), 30, goodsName, null, null, null, returnUrl, null);
        return Transaction.payment("20200413000300020087033882", sysdtm, APP, SHOP, request);
    }

    /** The query of a pay_url, decoded, in order. */
    static Map<String, String> params(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : URI.create(url).getRawQuery().split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void webPaymentsUseCreateForexTradeWithTheSeedsParameters() {
        String url = new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_ONLINE_WEB, 300, Currency.THB, null, null), SHOP);

        assertThat(url).startsWith(GATEWAY + "?");
        assertThat(params(url)).isEqualTo(Map.ofEntries(
                Map.entry("service", "create_forex_trade"),
                Map.entry("partner", "2088631377368888"),
                Map.entry("_input_charset", "UTF-8"),
                Map.entry("notify_url", NOTIFY),
                Map.entry("return_url", ""),
                Map.entry("out_trade_no", "20200413000300020087033882"),
                Map.entry("subject", "Harbour Tea House"),
                Map.entry("total_fee", "3.00"),
                Map.entry("currency", "THB"),
                Map.entry("product_code", "NEW_OVERSEAS_SELLER"),
                Map.entry("order_valid_time", "1800"),
                Map.entry("order_gmt_create", "2020-04-13 10:30:34"),
                Map.entry("secondary_merchant_id", "2565075"),
                Map.entry("secondary_merchant_name", "Harbour Tea House"),
                Map.entry("secondary_merchant_industry", "5812"),
                Map.entry("sign", params(url).get("sign")),
                Map.entry("sign_type", "MD5")));
    }

    @Test
    void theSignatureIsAlipaysMd5OverTheSortedNonEmptyParameters() {
        String url = new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_ONLINE_WEB, 300, Currency.HKD, "奶茶 & scones", "https://shop.example/done?id=1"), SHOP);
        Map<String, String> p = params(url);

        assertThat(p.get("sign")).matches("[0-9a-f]{32}");
        assertThat(MapiSignature.verifyMd5(p, MD5_ACCOUNT.md5Key(), p.get("sign"))).isTrue();
        assertThat(p.get("subject")).isEqualTo("奶茶 & scones");
        assertThat(p.get("return_url")).isEqualTo("https://shop.example/done?id=1");

        p.put("total_fee", "0.01");
        assertThat(MapiSignature.verifyMd5(p, MD5_ACCOUNT.md5Key(), p.get("sign"))).isFalse();
    }

    @Test
    void wapPaymentsUseTheWapService() {
        Map<String, String> p = params(new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_ONLINE_WAP, 500, Currency.JPY, null, null), SHOP));

        assertThat(p).containsEntry("service", "create_forex_trade_wap")
                .containsEntry("product_code", "NEW_WAP_OVERSEAS_SELLER")
                .containsEntry("total_fee", "500")
                .doesNotContainKeys("qr_pay_mode", "payment_inst");
    }

    @Test
    void hongKongWebPaymentsAskForTheEmbeddableQr() {
        Map<String, String> p = params(new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_HK_ONLINE_WEB, 1, Currency.HKD, null, null), SHOP));

        assertThat(p).containsEntry("service", "create_forex_trade")
                .containsEntry("qr_pay_mode", "4")
                .containsEntry("qrcode_width", "200")
                .containsEntry("payment_inst", "ALIPAYHK")
                .containsEntry("total_fee", "0.01");
    }

    @Test
    void hongKongWapPaymentsUseTheWapServiceForAlipayHk() {
        Map<String, String> p = params(new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_HK_ONLINE_WAP, 100, Currency.HKD, null, null), SHOP));

        assertThat(p).containsEntry("service", "create_forex_trade_wap")
                .containsEntry("payment_inst", "ALIPAYHK")
                .doesNotContainKey("qr_pay_mode");
    }

    @Test
    void rsa2AccountsSignWithSha256WithRsa() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair keys = generator.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(keys.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        AlipayAccount rsa = new AlipayAccount("2088631377368888", null, "RSA2", pem, null, null);

        Map<String, String> p = params(new AlipayChannel(rsa, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8))
                .payUrl(order(PayType.ALIPAY_ONLINE_WEB, 300, Currency.HKD, null, null), SHOP));

        assertThat(p).containsEntry("sign_type", "RSA2");
        assertThat(MapiSignature.verifyRsa2(p, keys.getPublic(), p.get("sign"))).isTrue();
        p.put("currency", "USD");
        assertThat(MapiSignature.verifyRsa2(p, keys.getPublic(), p.get("sign"))).isFalse();
    }

    @Test
    void withoutAPartnerAccountOrdersAreRefusedAsMisconfigured() {
        AlipayChannel unconfigured = new AlipayChannel(null, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8));

        assertThatThrownBy(() -> unconfigured.payUrl(order(PayType.ALIPAY_ONLINE_WEB, 1, Currency.HKD, null, null), SHOP))
                .isInstanceOfSatisfying(Refusal.class, r -> {
                    assertThat(r.respcd()).isEqualTo(Respcd.STORE_MISCONFIGURED);
                    assertThat(r.resperr()).contains("Alipay partner account");
                });
    }

    @Test
    void alipayHkOrdersCannotBeCancelledWhileAlipayOrdersCan() {
        AlipayChannel channel = new AlipayChannel(MD5_ACCOUNT, GATEWAY, NOTIFY, java.time.ZoneOffset.ofHours(8));

        for (PayType hk : Set.of(PayType.ALIPAY_HK_ONLINE_WEB, PayType.ALIPAY_HK_ONLINE_WAP)) {
            assertThat(channel.whyNotCancellable(order(hk, 300, Currency.HKD, null, null))).as(hk.code())
                    .hasValue("Alipay HK orders cannot be cancelled; they expire after expired_time");
        }
        for (PayType alipay : Set.of(PayType.ALIPAY_ONLINE_WEB, PayType.ALIPAY_ONLINE_WAP)) {
            assertThat(channel.whyNotCancellable(order(alipay, 300, Currency.HKD, null, null))).as(alipay.code())
                    .isEmpty();
        }
    }
}
