package io.qfgate.protocol.alipay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Alipay MAPI ({@code gateway.do}) signatures (docs/api.md, The Alipay pay_url).
 *
 * <p>The MD5 vector was computed with python3, independently of this code:
 *
 * <pre>
 * kept = {k: v for k, v in params.items() if k not in ('sign', 'sign_type') and v != ''}
 * s = '&amp;'.join('%s=%s' % (k, kept[k]) for k in sorted(kept))
 * hashlib.md5((s + PARTNER_KEY).encode('utf-8')).hexdigest()
 * </pre>
 */
class MapiSignatureTest {

    static final String PARTNER_KEY = "x7tyu2bmp0k5rz9qv3c1n8dh4wj6sfga";

    static final String CANONICAL = "_input_charset=UTF-8&currency=HKD&notify_url=https://gw.example/alipay/notify"
            + "&out_trade_no=20200413000300020087033882&partner=2088631377368888&product_code=NEW_OVERSEAS_SELLER"
            + "&service=create_forex_trade&subject=測試商品&total_fee=3.00";

    static final String MD5_SIGN = "729563370f50466f5c61f68b2ae83fa4";

    /** A create_forex_trade request shaped like a gateway's pay_url, already carrying sign and sign_type. */
    static Map<String, String> createForexTrade() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("service", "create_forex_trade");
        p.put("partner", "2088631377368888");
        p.put("_input_charset", "UTF-8");
        p.put("notify_url", "https://gw.example/alipay/notify");
        p.put("return_url", "");
        p.put("out_trade_no", "20200413000300020087033882");
        p.put("subject", "測試商品");
        p.put("total_fee", "3.00");
        p.put("currency", "HKD");
        p.put("product_code", "NEW_OVERSEAS_SELLER");
        p.put("sign", "ignored");
        p.put("sign_type", "MD5");
        return p;
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(name, value);
        return copy;
    }

    static KeyPair keys;
    static KeyPair otherKeys;

    @BeforeAll
    static void generateRsaKeys() throws NoSuchAlgorithmException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        keys = generator.generateKeyPair();
        otherKeys = generator.generateKeyPair();
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    // --- canonical string ---------------------------------------------------------------------

    @Test
    void canonical_isSortedWithoutSignSignTypeAndEmptyValues() {
        assertThat(MapiSignature.canonical(createForexTrade())).isEqualTo(CANONICAL);
    }

    @Test
    void canonical_leavesOutNullValues() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("b", "2");
        p.put("a", null);

        assertThat(MapiSignature.canonical(p)).isEqualTo("b=2");
    }

    // --- MD5 ----------------------------------------------------------------------------------

    @Test
    void md5_matchesThePythonVector_inLowerCaseHex() {
        assertThat(MapiSignature.md5(createForexTrade(), PARTNER_KEY)).isEqualTo(MD5_SIGN);
    }

    @Test
    void md5_ignoresTheSignAndSignTypeAlreadyPresent() {
        Map<String, String> p = with(with(createForexTrade(), "sign", "something else"), "sign_type", "RSA2");

        assertThat(MapiSignature.md5(p, PARTNER_KEY)).isEqualTo(MD5_SIGN);
    }

    @Test
    void md5_ignoresAddedEmptyParameters() {
        assertThat(MapiSignature.md5(with(createForexTrade(), "body", ""), PARTNER_KEY)).isEqualTo(MD5_SIGN);
    }

    @Test
    void verifyMd5_acceptsTheVector() {
        assertThat(MapiSignature.verifyMd5(createForexTrade(), PARTNER_KEY, MD5_SIGN)).isTrue();
    }

    @Test
    void verifyMd5_isCaseInsensitive() {
        assertThat(MapiSignature.verifyMd5(createForexTrade(), PARTNER_KEY, MD5_SIGN.toUpperCase(Locale.ROOT)))
                .isTrue();
    }

    @Test
    void verifyMd5_rejectsAnAlteredAmount() {
        assertThat(MapiSignature.verifyMd5(with(createForexTrade(), "total_fee", "30.00"), PARTNER_KEY, MD5_SIGN))
                .isFalse();
    }

    @Test
    void verifyMd5_rejectsAnotherPartnerKey() {
        assertThat(MapiSignature.verifyMd5(createForexTrade(), "y7tyu2bmp0k5rz9qv3c1n8dh4wj6sfga", MD5_SIGN))
                .isFalse();
    }

    @Test
    void verifyMd5_rejectsMissingSignature() {
        assertThat(MapiSignature.verifyMd5(createForexTrade(), PARTNER_KEY, null)).isFalse();
        assertThat(MapiSignature.verifyMd5(createForexTrade(), PARTNER_KEY, "")).isFalse();
    }

    // --- RSA2 ---------------------------------------------------------------------------------

    @Test
    void rsa2_isBase64OfA2048BitSignature() {
        String sign = MapiSignature.rsa2(createForexTrade(), keys.getPrivate());

        assertThat(Base64.getDecoder().decode(sign)).hasSize(256);
    }

    @Test
    void verifyRsa2_acceptsItsOwnSignature() {
        String sign = MapiSignature.rsa2(createForexTrade(), keys.getPrivate());

        assertThat(MapiSignature.verifyRsa2(createForexTrade(), keys.getPublic(), sign)).isTrue();
    }

    @Test
    void verifyRsa2_ignoresSignAndSignTypeAddedAfterSigning() {
        Map<String, String> p = createForexTrade();
        p.remove("sign");
        p.remove("sign_type");
        String sign = MapiSignature.rsa2(p, keys.getPrivate());

        Map<String, String> sent = with(with(p, "sign", sign), "sign_type", MapiSignature.RSA2);

        assertThat(MapiSignature.verifyRsa2(sent, keys.getPublic(), sign)).isTrue();
    }

    @Test
    void verifyRsa2_rejectsATamperedParameter() {
        String sign = MapiSignature.rsa2(createForexTrade(), keys.getPrivate());

        assertThat(MapiSignature.verifyRsa2(with(createForexTrade(), "total_fee", "0.01"), keys.getPublic(), sign))
                .isFalse();
    }

    @Test
    void verifyRsa2_rejectsAnAddedNonEmptyParameter() {
        String sign = MapiSignature.rsa2(createForexTrade(), keys.getPrivate());

        assertThat(MapiSignature.verifyRsa2(with(createForexTrade(), "return_url", "https://evil.example/"),
                keys.getPublic(), sign)).isFalse();
    }

    @Test
    void verifyRsa2_rejectsAnotherKeyPairsPublicKey() {
        String sign = MapiSignature.rsa2(createForexTrade(), keys.getPrivate());

        assertThat(MapiSignature.verifyRsa2(createForexTrade(), otherKeys.getPublic(), sign)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not base64 !!", "AAAA", "c2lnbmF0dXJl", "%%%"})
    void verifyRsa2_garbageSignature_isFalseNotAnException(String garbage) {
        assertThat(MapiSignature.verifyRsa2(createForexTrade(), keys.getPublic(), garbage)).isFalse();
    }

    @Test
    void verifyRsa2_missingSignature_isFalse() {
        assertThat(MapiSignature.verifyRsa2(createForexTrade(), keys.getPublic(), null)).isFalse();
    }

    @Test
    void verifyRsa2_md5SignatureInPlaceOfRsa_isFalse() {
        assertThat(MapiSignature.verifyRsa2(createForexTrade(), keys.getPublic(), MD5_SIGN)).isFalse();
    }

    // --- keys ---------------------------------------------------------------------------------

    @Test
    void privateKey_and_publicKey_acceptPemArmour() {
        var privateKey = MapiSignature.privateKey(pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
        var publicKey = MapiSignature.publicKey(pem("PUBLIC KEY", keys.getPublic().getEncoded()));

        String sign = MapiSignature.rsa2(createForexTrade(), privateKey);

        assertThat(MapiSignature.verifyRsa2(createForexTrade(), publicKey, sign)).isTrue();
        assertThat(MapiSignature.verifyRsa2(createForexTrade(), keys.getPublic(), sign)).isTrue();
    }

    @Test
    void privateKey_and_publicKey_acceptBareBase64() {
        String privateBase64 = Base64.getEncoder().encodeToString(keys.getPrivate().getEncoded());
        String publicBase64 = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());

        assertThat(MapiSignature.privateKey(privateBase64).getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(MapiSignature.publicKey(publicBase64).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void privateKey_and_publicKey_ignoreLineBreaksAndIndentation() {
        String wrapped = "  " + Base64.getMimeEncoder(64, "\r\n    ".getBytes())
                .encodeToString(keys.getPublic().getEncoded()) + "\n";

        assertThat(MapiSignature.publicKey(wrapped).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void privateKey_rejectsAPublicKey() {
        String publicBase64 = Base64.getEncoder().encodeToString(keys.getPublic().getEncoded());

        assertThatThrownBy(() -> MapiSignature.privateKey(publicBase64)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void publicKey_rejectsGarbage() {
        assertThatThrownBy(() -> MapiSignature.publicKey("c2lnbmF0dXJl")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MapiSignature.publicKey("not base64 !!")).isInstanceOf(IllegalArgumentException.class);
    }
}
