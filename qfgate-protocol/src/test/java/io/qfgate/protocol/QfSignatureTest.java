package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The QFPay request/response signature (docs/api.md, Signing).
 *
 * <p>Every expected hex string below was computed outside Java, with python3 and exactly the
 * algorithm of QFPay's published Python sample ({@code make_req_sign}):
 *
 * <pre>
 * keys = list(data.keys()); keys.sort()
 * unsign_str = ('&amp;'.join('%s=%s' % (k, data[k]) for k in keys) + key).encode('utf-8')
 * hashlib.md5(unsign_str).hexdigest().upper()        # hashlib.sha256(...) for SHA256
 * </pre>
 *
 * and, for bodies (responses, notifications), {@code hashlib.md5(body + key.encode('utf-8'))
 * .hexdigest().upper()} over the raw body bytes.
 */
class QfSignatureTest {

    /** A client key of the documented shape: 32 hex characters. */
    static final String KEY = "0E32A59A8B454940A2FF390123456789";

    static final String OTHER_KEY = "0E32A59A8B454940A2FF390123456788";

    /** The request of QFPay's Python signing sample, with the masked mchid and the time filled in. */
    static Map<String, String> seedRequest() {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("txamt", "10");
        data.put("txcurrcd", "HKD");
        data.put("pay_type", "801101");
        data.put("out_trade_no", "01234567890123");
        data.put("txdtm", "2020-04-13 10:30:34");
        data.put("mchid", "ZaMVg12345");
        return data;
    }

    static Map<String, String> with(Map<String, String> base, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(base);
        copy.put(name, value);
        return copy;
    }

    // --- canonical string ---------------------------------------------------------------------

    @Test
    void canonical_seedRequest_isSortedByNameAndJoinedWithAmpersands() {
        // python: '&'.join('%s=%s' % (k, data[k]) for k in sorted(data))
        assertThat(QfSignature.canonical(seedRequest()))
                .isEqualTo("mchid=ZaMVg12345&out_trade_no=01234567890123&pay_type=801101"
                        + "&txamt=10&txcurrcd=HKD&txdtm=2020-04-13 10:30:34");
    }

    @Test
    void canonical_sortsNamesInByteOrder_upperCaseBeforeUnderscoreBeforeLowerCase() {
        Map<String, String> params = Map.of("a", "1", "B", "2", "_x", "3", "txamt", "300");

        assertThat(QfSignature.canonical(params)).isEqualTo("B=2&_x=3&a=1&txamt=300");
    }

    @Test
    void canonical_usesRawDecodedValues_withoutUrlEncoding() {
        Map<String, String> params = Map.of("return_url", "https://shop.example/ok?a=1&b=2", "goods_name", "a b+c");

        assertThat(QfSignature.canonical(params))
                .isEqualTo("goods_name=a b+c&return_url=https://shop.example/ok?a=1&b=2");
    }

    @Test
    void canonical_keepsEmptyValues() {
        assertThat(QfSignature.canonical(Map.of("udid", "", "txamt", "1"))).isEqualTo("txamt=1&udid=");
    }

    @Test
    void canonical_ofNoParameters_isEmpty() {
        assertThat(QfSignature.canonical(Map.of())).isEmpty();
    }

    // --- known vectors ------------------------------------------------------------------------

    @Test
    void signParams_seedRequest_matchesTheDocsPythonSample() {
        // python: make_req_sign(data, KEY)
        assertThat(QfSignature.signParams(seedRequest(), KEY, SignType.MD5))
                .isEqualTo("5FEA4437FCF4FBF4041C10FD775B57A0");
    }

    @Test
    void signParams_nonAsciiGoodsName_isHashedAsUtf8() {
        // python: make_req_sign(data | {'goods_name': '測試商品'}, KEY)
        Map<String, String> params = with(seedRequest(), "goods_name", "測試商品");

        assertThat(QfSignature.signParams(params, KEY, SignType.MD5))
                .isEqualTo("54DB6949C75E12883D1FCA53516070E6");
    }

    @Test
    void signParams_emptyValue_takesPartAsNameWithEqualsSign() {
        // python: make_req_sign(data | {'udid': ''}, KEY) — signs "...&udid=" + key
        Map<String, String> params = with(seedRequest(), "udid", "");

        assertThat(QfSignature.signParams(params, KEY, SignType.MD5))
                .isEqualTo("BD09A786E9CA605ABA4147640FB69E08");
    }

    @Test
    void signParams_mixedCaseAndUnderscoreNames_matchPythonSortOrder() {
        // python: make_req_sign({'a': '1', 'B': '2', '_x': '3', 'txamt': '300'}, KEY)
        Map<String, String> params = Map.of("a", "1", "B", "2", "_x", "3", "txamt", "300");

        assertThat(QfSignature.signParams(params, KEY, SignType.MD5))
                .isEqualTo("A32D69F596D684AE55C3004F2AB1E6EE");
    }

    @Test
    void signParams_noParameters_isTheHashOfTheKeyAlone() {
        // python: hashlib.md5(KEY.encode()).hexdigest().upper()
        assertThat(QfSignature.signParams(Map.of(), KEY, SignType.MD5))
                .isEqualTo("BB0BCC635C5ABA4712FC22553029AE3B");
    }

    @Test
    void signParams_sha256_seedRequest_matchesPython() {
        // python: make_req_sign(data, KEY) with hashlib.sha256 instead of hashlib.md5
        assertThat(QfSignature.signParams(seedRequest(), KEY, SignType.SHA256))
                .isEqualTo("7FB7832531FDDA5AFBEFD138D7985E196CDF43A87223A44106D71291708A8778");
    }

    @Test
    void signParams_sha256_nonAsciiGoodsName_matchesPython() {
        Map<String, String> params = with(seedRequest(), "goods_name", "測試商品");

        assertThat(QfSignature.signParams(params, KEY, SignType.SHA256))
                .isEqualTo("D7448600C2B7030C3ABD5175834B6E6AFA9474A2199502E69A6F6C16D5A00655");
    }

    @Test
    void signParams_isUpperCaseHex_ofTheDigestLength() {
        assertThat(QfSignature.signParams(seedRequest(), KEY, SignType.MD5)).matches("[0-9A-F]{32}");
        assertThat(QfSignature.signParams(seedRequest(), KEY, SignType.SHA256)).matches("[0-9A-F]{64}");
    }

    @Test
    void signParams_doesNotDependOnTheMapsIterationOrder() {
        Map<String, String> reversed = new LinkedHashMap<>();
        seedRequest().entrySet().stream()
                .sorted(Map.Entry.<String, String>comparingByKey().reversed())
                .forEach(e -> reversed.put(e.getKey(), e.getValue()));

        assertThat(QfSignature.signParams(reversed, KEY, SignType.MD5))
                .isEqualTo(QfSignature.signParams(new HashMap<>(seedRequest()), KEY, SignType.MD5));
    }

    // --- verification -------------------------------------------------------------------------

    @Test
    void verifyParams_acceptsTheUpperCaseSignatureClientsSend() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, "5FEA4437FCF4FBF4041C10FD775B57A0"))
                .isTrue();
    }

    @Test
    void verifyParams_acceptsLowerCaseHex() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, "5fea4437fcf4fbf4041c10fd775b57a0"))
                .isTrue();
    }

    @Test
    void verifyParams_acceptsMixedCaseHex() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, "5fEa4437FcF4fbf4041C10fd775b57A0"))
                .isTrue();
    }

    @Test
    void verifyParams_sha256_acceptsBothCases() {
        String upper = "7FB7832531FDDA5AFBEFD138D7985E196CDF43A87223A44106D71291708A8778";

        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.SHA256, upper)).isTrue();
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.SHA256, upper.toLowerCase(Locale.ROOT)))
                .isTrue();
    }

    @Test
    void verifyParams_rejectsASignatureMadeWithAnotherKey() {
        String signedWithOtherKey = QfSignature.signParams(seedRequest(), OTHER_KEY, SignType.MD5);

        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, signedWithOtherKey)).isFalse();
    }

    @Test
    void verifyParams_rejectsAnAlteredValue() {
        Map<String, String> tampered = with(seedRequest(), "txamt", "1000");

        assertThat(QfSignature.verifyParams(tampered, KEY, SignType.MD5, "5FEA4437FCF4FBF4041C10FD775B57A0"))
                .isFalse();
    }

    @Test
    void verifyParams_rejectsAnAddedParameter() {
        Map<String, String> extended = with(seedRequest(), "goods_name", "test1");

        assertThat(QfSignature.verifyParams(extended, KEY, SignType.MD5, "5FEA4437FCF4FBF4041C10FD775B57A0"))
                .isFalse();
    }

    @Test
    void verifyParams_rejectsARemovedParameter() {
        Map<String, String> reduced = new LinkedHashMap<>(seedRequest());
        reduced.remove("mchid");

        assertThat(QfSignature.verifyParams(reduced, KEY, SignType.MD5, "5FEA4437FCF4FBF4041C10FD775B57A0"))
                .isFalse();
    }

    @Test
    void verifyParams_rejectsAnMd5SignatureCheckedAsSha256() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.SHA256, "5FEA4437FCF4FBF4041C10FD775B57A0"))
                .isFalse();
    }

    @Test
    void verifyParams_rejectsATruncatedSignature() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, "5FEA4437FCF4FBF4041C10FD775B57A"))
                .isFalse();
    }

    @Test
    void verifyParams_rejectsMissingOrEmptySignature() {
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, null)).isFalse();
        assertThat(QfSignature.verifyParams(seedRequest(), KEY, SignType.MD5, "")).isFalse();
    }

    @Test
    void verifyParams_rejectsNonHexCharactersThatUpperCaseToHex() {
        // python: make_req_sign(data | {'txamt': '3'}, KEY) — a vector that contains "FF"
        Map<String, String> params = with(seedRequest(), "txamt", "3");
        String expected = "C3F630F13FB158CF634E5C2FF0D69415";
        assertThat(QfSignature.verifyParams(params, KEY, SignType.MD5, expected)).isTrue();

        // U+FB00 LATIN SMALL LIGATURE FF upper-cases to the two letters "FF" — still not the signature
        String withLigature = expected.replace("FF", "\uFB00");

        assertThat(QfSignature.verifyParams(params, KEY, SignType.MD5, withLigature)).isFalse();
    }

    // --- bodies (responses and notifications) -------------------------------------------------

    static final byte[] BODY =
            "{\"respcd\":\"0000\",\"resperr\":\"success\",\"goods_name\":\"測試商品\"}".getBytes(StandardCharsets.UTF_8);

    @Test
    void signBody_md5_isTheHashOfTheBodyBytesFollowedByTheKey() {
        // python: hashlib.md5(body + KEY.encode('utf-8')).hexdigest().upper()
        assertThat(QfSignature.signBody(BODY, KEY, SignType.MD5)).isEqualTo("563AF03C75663B7D4E8FDCD3B7834B4C");
    }

    @Test
    void signBody_sha256_isTheHashOfTheBodyBytesFollowedByTheKey() {
        // python: hashlib.sha256(body + KEY.encode('utf-8')).hexdigest().upper()
        assertThat(QfSignature.signBody(BODY, KEY, SignType.SHA256))
                .isEqualTo("251FC59E6ACDA5462330A93380004A5A950E51468C65AFFE59C0A6ECC80E8CC6");
    }

    @Test
    void signBody_hashesArbitraryBytes_notJustText() {
        // python: hashlib.md5(bytes([0x00, 0xff, 0x80, 0x7f, 0x0a]) + KEY.encode('utf-8')).hexdigest().upper()
        byte[] notUtf8 = {0x00, (byte) 0xff, (byte) 0x80, 0x7f, 0x0a};

        assertThat(QfSignature.signBody(notUtf8, KEY, SignType.MD5)).isEqualTo("AAE97A26D8101DBF7B110EE0CACF9D13");
    }

    @Test
    void verifyBody_acceptsTheSignatureInEitherCase() {
        assertThat(QfSignature.verifyBody(BODY, KEY, SignType.MD5, "563AF03C75663B7D4E8FDCD3B7834B4C")).isTrue();
        assertThat(QfSignature.verifyBody(BODY, KEY, SignType.MD5, "563af03c75663b7d4e8fdcd3b7834b4c")).isTrue();
    }

    @Test
    void verifyBody_sha256_acceptsItsOwnVector() {
        assertThat(QfSignature.verifyBody(BODY, KEY, SignType.SHA256,
                "251FC59E6ACDA5462330A93380004A5A950E51468C65AFFE59C0A6ECC80E8CC6")).isTrue();
    }

    @Test
    void verifyBody_rejectsAChangedByte() {
        byte[] tampered = BODY.clone();
        tampered[tampered.length - 2] ^= 1;

        assertThat(QfSignature.verifyBody(tampered, KEY, SignType.MD5, "563AF03C75663B7D4E8FDCD3B7834B4C")).isFalse();
    }

    @Test
    void verifyBody_rejectsAnotherKey() {
        assertThat(QfSignature.verifyBody(BODY, OTHER_KEY, SignType.MD5, "563AF03C75663B7D4E8FDCD3B7834B4C")).isFalse();
    }

    @Test
    void verifyBody_rejectsMissingSignature() {
        assertThat(QfSignature.verifyBody(BODY, KEY, SignType.MD5, null)).isFalse();
    }
}
