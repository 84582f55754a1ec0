package io.qfgate.server.web.checkstand;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The checkout link's signature is the one QFPay's checkout sample makes. */
class CheckoutLinkSignatureTest {
    static final String KEY = "B3D4CCFD4AB049DCA82C25F0F0F0F0F0";
    static final String ORIGIN = "https://gateway.example/checkstand/#/?";

    /** The sample's own {@code obj}, with its key's stars filled in. */
    static Map<String, String> docsSample() {
        Map<String, String> obj = new LinkedHashMap<>();
        obj.put("appcode", "CC6FB660837E49F7A675D2F0F0F0F0F0");
        obj.put("goods_name", "remotfpay_checkout_names");
        obj.put("out_trade_no", "13322916216626239614");
        obj.put("paysource", "remotepay_checkout");
        obj.put("return_url", "https://www.baidu.com");
        obj.put("failed_url", "https://www.baidu.com");
        obj.put("notify_url", "https://www.baidu.com");
        obj.put("sign_type", "sha256");
        obj.put("txamt", "1");
        obj.put("txcurrcd", "HKD");
        obj.put("txdtm", "2020-06-28 18:33:20");
        return obj;
    }

    /** What the server reads from a link: the fragment's parameters, decoded. */
    static Map<String, String> received(String link) {
        String query = URI.create(link).getRawFragment().replaceFirst("^/\\?", "");
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    @Test
    void theSignedTextIsTheSortedRawParametersAsTheSampleJoinsThem() {
        Map<String, String> received = received(CheckoutLinks.link(ORIGIN, docsSample(), KEY, SignType.SHA256));
        assertThat(QfSignature.canonical(CheckoutLink.signed(received))).isEqualTo(
                "appcode=CC6FB660837E49F7A675D2F0F0F0F0F0&failed_url=https://www.baidu.com"
                        + "&goods_name=remotfpay_checkout_names&notify_url=https://www.baidu.com"
                        + "&out_trade_no=13322916216626239614&paysource=remotepay_checkout"
                        + "&return_url=https://www.baidu.com&sign_type=sha256&txamt=1&txcurrcd=HKD"
                        + "&txdtm=2020-06-28 18:33:20");
        assertThat(CheckoutLinks.paramStringify(docsSample(), false))
                .isEqualTo(QfSignature.canonical(CheckoutLink.signed(received)));
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void aLinkSignedAsTheSampleDoesIsAcceptedInLowerAndUpperCaseHex(SignType type) {
        Map<String, String> obj = docsSample();
        obj.put("sign_type", type == SignType.MD5 ? "md5" : "sha256");
        Map<String, String> received = received(CheckoutLinks.link(ORIGIN, obj, KEY, type));
        assertThat(received.get("sign")).matches("[0-9a-f]{" + (type == SignType.MD5 ? 32 : 64) + "}");
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isTrue();

        received.put("sign", received.get("sign").toUpperCase(Locale.ROOT));
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(SignType.class)
    void theSignTypeIsReadInAnyCase(SignType type) {
        Map<String, String> obj = docsSample();
        obj.put("sign_type", type == SignType.MD5 ? "MD5" : "SHA256");
        assertThat(CheckoutLink.signatureMatches(received(CheckoutLinks.link(ORIGIN, obj, KEY, type)), KEY)).isTrue();
    }

    @Test
    void langIsNotSignedSoItMayBeAddedOrChanged() {
        Map<String, String> received = received(CheckoutLinks.link(ORIGIN, docsSample(), KEY, SignType.SHA256));
        received.put("lang", "zh-hk");
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isTrue();

        Map<String, String> signedWithLang = docsSample();
        signedWithLang.put("lang", "en");
        Map<String, String> wrong = received(CheckoutLinks.link(ORIGIN, signedWithLang, KEY, SignType.SHA256));
        assertThat(CheckoutLink.signatureMatches(wrong, KEY)).as("a link that signed lang").isFalse();
    }

    @Test
    void emptyParametersAreLeftOutOfTheSignatureAsTheSampleSkipsThem() {
        Map<String, String> obj = docsSample();
        obj.put("udid", "");
        String link = CheckoutLinks.link(ORIGIN, obj, KEY, SignType.SHA256);
        assertThat(link).doesNotContain("udid");
        Map<String, String> received = received(link);
        received.put("udid", "");
        received.put("cancel_url", "");
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isTrue();
    }

    @Test
    void valuesAreSignedRawAndSentEncoded() {
        Map<String, String> obj = docsSample();
        obj.put("goods_name", "書 & pen = 2");
        obj.put("return_url", "https://shop.example/thanks?order=1&step=2");
        String link = CheckoutLinks.link(ORIGIN, obj, KEY, SignType.MD5);
        assertThat(link).contains("goods_name=%E6%9B%B8%20%26%20pen%20%3D%202");
        obj.put("sign_type", "md5");
        Map<String, String> received = received(CheckoutLinks.link(ORIGIN, obj, KEY, SignType.MD5));
        assertThat(received).containsEntry("goods_name", "書 & pen = 2");
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isTrue();
    }

    @Test
    void aChangedAmountOrAnotherKeyDoesNotMatch() {
        Map<String, String> received = received(CheckoutLinks.link(ORIGIN, docsSample(), KEY, SignType.SHA256));
        assertThat(CheckoutLink.signatureMatches(received, KEY.replace('B', 'C'))).isFalse();
        received.put("txamt", "100");
        assertThat(CheckoutLink.signatureMatches(received, KEY)).isFalse();
    }

    @Test
    void aPhoneIsToldByItsUserAgentItsClientHintOrANarrowWindow() {
        assertThat(Device.isPhone(
                "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 Chrome/126.0 Mobile Safari/537.36",
                null, null)).isTrue();
        assertThat(Device.isPhone("Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X)", null, null)).isTrue();
        assertThat(Device.isPhone("Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "?1", null)).isTrue();
        assertThat(Device.isPhone("Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "?0", "360")).isTrue();
        assertThat(Device.isPhone("Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0", "?0", "1280")).isFalse();
        assertThat(Device.isPhone(null, null, "not a number")).isFalse();
    }
}
