package io.qfgate.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.SignType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hosted checkout link: the parameters, order, encoding and signature of QFPay's checkout sample. */
class CheckoutLinkTest {
    /** The credentials of the docs' sample, masked there as here: the sample hashes them as written. */
    static final String DOCS_APPCODE = "CC6FB660837E49F7A675D2**********";
    static final String DOCS_KEY = "B3D4CCFD4AB049DCA82C25**********";
    static final String BASE = "https://test-openapi-hk.qfapi.com";

    static QfPayClient client(String appCode, String key, SignType type) {
        return QfPayClient.builder().baseUrl(URI.create(BASE)).appCode(appCode).clientKey(key).signType(type).build();
    }

    /** The order of the docs' sample: goods name, number, three baidu.com URLs, HK$0.01 at 2020-06-28 18:33:20. */
    static CheckoutLink.Builder docsOrder() {
        return CheckoutLink.builder()
                .goodsName("remotfpay_checkout_names")
                .outTradeNo("13322916216626239614")
                .returnUrl("https://www.baidu.com").failedUrl("https://www.baidu.com").notifyUrl("https://www.baidu.com")
                .txamt(1).txcurrcd(Currency.HKD)
                .txdtm(LocalDateTime.of(2020, 6, 28, 18, 33, 20));
    }

    /** What the docs' page writes into its link for that order (its paramStringify and sha256/md5, run as published). */
    static String docsLink(String signType, String sign) {
        return BASE + "/checkstand/#/?appcode=" + DOCS_APPCODE
                + "&failed_url=https%3A%2F%2Fwww.baidu.com&goods_name=remotfpay_checkout_names"
                + "&notify_url=https%3A%2F%2Fwww.baidu.com&out_trade_no=13322916216626239614"
                + "&paysource=remotepay_checkout&return_url=https%3A%2F%2Fwww.baidu.com&sign_type=" + signType
                + "&txamt=1&txcurrcd=HKD&txdtm=2020-06-28%2018%3A33%3A20&sign=" + sign;
    }

    @Test
    void theDocsSampleOrderSignedWithSha256GivesTheVeryLinkTheDocsPageWrites() {
        URI link = client(DOCS_APPCODE, DOCS_KEY, SignType.SHA256).checkoutUrl(docsOrder().build());
        assertThat(link.toString()).isEqualTo(docsLink("sha256",
                "931539e98fa3042ac64cb406229a34b9f801a6f56f0133d121cb036465b7da8d"));
    }

    @Test
    void theDocsSampleOrderSignedWithMd5GivesTheVeryLinkTheDocsPageWrites() {
        URI link = client(DOCS_APPCODE, DOCS_KEY, SignType.MD5).checkoutUrl(docsOrder().build());
        assertThat(link.toString()).isEqualTo(docsLink("md5", "2124b06a838b905f5f9e5847d54048b1"));
    }

    @Test
    void md5IsTheDefaultSignTypeAndRemotepayCheckoutTheDefaultPaysource() {
        URI link = QfPayClient.builder().baseUrl(URI.create(BASE + "/")).appCode("A1").clientKey("K1").build()
                .checkoutUrl(docsOrder().build());
        assertThat(params(link)).containsEntry("sign_type", "md5").containsEntry("paysource", "remotepay_checkout")
                .containsEntry("appcode", "A1");
        assertThat(link.toString()).as("one slash between base and path").startsWith(BASE + "/checkstand/#/?");
    }

    @Test
    void theSdksLinkEqualsThePythonTranscriptionOfTheDocsSampleForEveryParameterAndBothHashes() {
        CheckoutLink order = everyParameter().build();
        for (SignType type : SignType.values()) {
            String typeName = type == SignType.MD5 ? "md5" : "sha256";
            Map<String, String> obj = new LinkedHashMap<>(order.toParams());
            obj.remove("lang"); // the sample has none; the SDK appends it after the signature
            obj.put("appcode", "APP-1");
            obj.put("sign_type", typeName);
            String python = DocsCheckoutSample.link(obj, "key-1", typeName, BASE + "/checkstand/#/?");
            assertThat(client("APP-1", "key-1", type).checkoutUrl(order).toString()).as(typeName)
                    .isEqualTo(python + "&lang=zh-hk");
        }
    }

    @Test
    void everyOptionalParameterIsSentUnderItsDocumentedNameAndSigned() {
        URI link = client("APP-1", "key-1", SignType.SHA256).checkoutUrl(everyParameter().build());
        Map<String, String> p = params(link);
        assertThat(p).containsEntry("mchntid", "PAKjVHJmQe").containsEntry("udid", "0001")
                .containsEntry("expired_time", "30").containsEntry("checkout_expired_time", "1715686118000")
                .containsEntry("limit_pay", "no_credit").containsEntry("cancel_url", "https://shop.example/cart")
                .containsEntry("goods_name", "綠茶 & 'tea' (50g)!~*").containsEntry("lang", "zh-hk");
        assertThat(p.get("sign")).hasSize(64).isEqualTo(CheckoutLink.sign(p, "key-1", SignType.SHA256))
                .isLowerCase();
        assertThat(link.getRawFragment()).contains("goods_name=%E7%B6%A0%E8%8C%B6%20%26%20'tea'%20(50g)!~*")
                .contains("return_url=https%3A%2F%2Fshop.example%2Fthanks%3Forder%3D1%26lang%3Dzh-hk");
    }

    @Test
    void emptyParametersAreLeftOutOfTheLinkAndTheSignatureAsTheSampleSkipsThem() {
        QfPayClient qfpay = client("APP-1", "key-1", SignType.MD5);
        URI withEmpties = qfpay.checkoutUrl(docsOrder().udid("").mchntid("").cancelUrl("").build());
        assertThat(params(withEmpties)).doesNotContainKeys("udid", "mchntid", "cancel_url");
        assertThat(withEmpties).isEqualTo(qfpay.checkoutUrl(docsOrder().build()));
        Map<String, String> signedWithAnEmpty = new LinkedHashMap<>(params(withEmpties));
        signedWithAnEmpty.put("udid", "");
        assertThat(CheckoutLink.sign(signedWithAnEmpty, "key-1", SignType.MD5)).isEqualTo(params(withEmpties).get("sign"));
    }

    @Test
    void langComesAfterTheSignatureAndIsNotSigned() {
        QfPayClient qfpay = client("APP-1", "key-1", SignType.SHA256);
        String without = qfpay.checkoutUrl(docsOrder().build()).toString();
        String with = qfpay.checkoutUrl(docsOrder().lang("zh-cn").build()).toString();
        assertThat(with).isEqualTo(without + "&lang=zh-cn");
        Map<String, String> p = params(URI.create(with));
        p.put("lang", "en"); // a changed lang leaves the signature valid: the shopper may pick another language
        assertThat(CheckoutLink.sign(p, "key-1", SignType.SHA256)).isEqualTo(p.get("sign"));
    }

    @Test
    void anyOtherChangedParameterBreaksTheSignature() {
        Map<String, String> p = params(client("APP-1", "key-1", SignType.MD5).checkoutUrl(docsOrder().build()));
        String sign = p.get("sign");
        assertThat(CheckoutLink.sign(p, "key-1", SignType.MD5)).isEqualTo(sign);
        for (String name : new String[] {"txamt", "appcode", "return_url", "sign_type", "paysource"}) {
            Map<String, String> changed = new LinkedHashMap<>(p);
            changed.put(name, p.get(name) + "0");
            assertThat(CheckoutLink.sign(changed, "key-1", SignType.MD5)).as(name).isNotEqualTo(sign);
        }
        assertThat(CheckoutLink.sign(p, "key-2", SignType.MD5)).as("another key").isNotEqualTo(sign);
    }

    @Test
    void aLinkWithoutAMandatoryParameterIsRefusedNamingIt() {
        assertThatThrownBy(() -> docsOrder().notifyUrl(null).build()).hasMessageContaining("notifyUrl");
        assertThatThrownBy(() -> docsOrder().failedUrl(null).build()).hasMessageContaining("failedUrl");
        assertThatThrownBy(() -> docsOrder().txcurrcd(null).build()).hasMessageContaining("txcurrcd");
        assertThatThrownBy(() -> docsOrder().paysource(null).build()).hasMessageContaining("paysource");
    }

    @Test
    void encodingMatchesEncodeUriComponent() {
        assertThat(CheckoutLink.encodeUriComponent("a b+c/d?e=f&g#h%i")).isEqualTo("a%20b%2Bc%2Fd%3Fe%3Df%26g%23h%25i");
        assertThat(CheckoutLink.encodeUriComponent("-_.!~*'()AZaz09")).isEqualTo("-_.!~*'()AZaz09");
        assertThat(CheckoutLink.encodeUriComponent("茶€")).isEqualTo("%E8%8C%B6%E2%82%AC");
    }

    private static CheckoutLink.Builder everyParameter() {
        return docsOrder()
                .goodsName("綠茶 & 'tea' (50g)!~*")
                .returnUrl("https://shop.example/thanks?order=1&lang=zh-hk")
                .mchntid("PAKjVHJmQe").udid("0001").expiredTime(30)
                .checkoutExpiredTime(Instant.ofEpochMilli(1715686118000L))
                .limitPay("no_credit").lang("zh-hk").cancelUrl("https://shop.example/cart");
    }

    /** The link's parameters, decoded, in the link's order. */
    static Map<String, String> params(URI link) {
        String fragment = link.getRawFragment();
        assertThat(fragment).startsWith("/?");
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : fragment.substring(2).split("&")) {
            int eq = pair.indexOf('=');
            p.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return p;
    }
}
