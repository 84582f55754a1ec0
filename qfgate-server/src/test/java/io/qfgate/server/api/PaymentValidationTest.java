package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.ops.DemoCredentials;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every field rule of POST /trade/v1/payment: each bad request is refused with its respcd and a
 * resperr naming the field, and the good edge values pass.
 */
class PaymentValidationTest {
    static TestGateway gw;
    static DemoCredentials.Merchant merchant;
    static int counter;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
        merchant = gw.demo().merchant();
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static Answer pay(Map<String, String> params) {
        return gw.post("/trade/v1/payment", params, merchant.app_code(), merchant.client_key());
    }

    /** field, value (null = leave the field out), expected resperr start. */
    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of("txamt", null, "txamt: required"),
                Arguments.of("txamt", "", "txamt: required"),
                Arguments.of("txamt", "0", "txamt: must be greater than 0"),
                Arguments.of("txamt", "-1", "txamt: must be a whole number"),
                Arguments.of("txamt", "1.50", "txamt: must be a whole number"),
                Arguments.of("txamt", "abc", "txamt: must be a whole number"),
                Arguments.of("txamt", "123456789012", "txamt: must be a whole number of at most 11 digits"),
                Arguments.of("txcurrcd", null, "txcurrcd: required"),
                Arguments.of("txcurrcd", "XYZ", "txcurrcd: unknown currency XYZ"),
                Arguments.of("txcurrcd", "hkd", "txcurrcd: unknown currency hkd"),
                Arguments.of("txcurrcd", "HKDX", "txcurrcd: longer than 3 characters"),
                Arguments.of("pay_type", null, "pay_type: required"),
                Arguments.of("pay_type", "123456", "pay_type: unknown pay type 123456"),
                Arguments.of("pay_type", "8011011", "pay_type: longer than 6 characters"),
                Arguments.of("out_trade_no", null, "out_trade_no: required"),
                Arguments.of("out_trade_no", "x".repeat(129), "out_trade_no: longer than 128 characters"),
                Arguments.of("out_trade_no", "a\nb", "out_trade_no: contains control characters"),
                Arguments.of("txdtm", null, "txdtm: required"),
                Arguments.of("txdtm", "2026-11-27T10:00:00", "txdtm: must be a real time"),
                Arguments.of("txdtm", "2026-02-30 10:00:00", "txdtm: must be a real time"),
                Arguments.of("txdtm", "2026-11-27 25:00:00", "txdtm: must be a real time"),
                Arguments.of("expired_time", "4", "expired_time: must be between 5 and 120 minutes"),
                Arguments.of("expired_time", "121", "expired_time: must be between 5 and 120 minutes"),
                Arguments.of("expired_time", "ten", "expired_time: must be a whole number of minutes"),
                Arguments.of("expired_time", "1000", "expired_time: longer than 3 characters"),
                Arguments.of("goods_name", "g".repeat(65), "goods_name: longer than 64 characters"),
                Arguments.of("goods_info", "i".repeat(1025), "goods_info: longer than 1024 characters"),
                Arguments.of("udid", "u".repeat(41), "udid: longer than 40 characters"),
                Arguments.of("txzone", "0800", "txzone: must be an offset like +0800"),
                Arguments.of("txzone", "+1600", "txzone: must be an offset like +0800"),
                Arguments.of("return_url", "not a url", "return_url: "),
                Arguments.of("return_url", "ftp://shop.example/done", "return_url: must be an absolute http or https URL"),
                Arguments.of("return_url", "https://shop.example/" + "r".repeat(500), "return_url: longer than 512 characters"),
                Arguments.of("notify_url", "https://shop.example/" + "n".repeat(240), "notify_url: longer than 256 characters"),
                Arguments.of("notify_url", "/relative/notify", "notify_url: must be an absolute http or https URL"));
    }

    @ParameterizedTest(name = "{0}={1}")
    @MethodSource("refusals")
    void refusesWithTheFieldNamed(String field, String value, String resperr) {
        Map<String, String> p = payment("bad-" + counter++);
        if (value == null) {
            p.remove(field);
        } else {
            p.put(field, value);
        }

        Answer answer = pay(p);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).startsWith(resperr);
    }

    @Test
    void everyAlipayPayTypeTakesAReturnUrlOfAtMost200Characters() {
        // Alipay's create_forex_trade(_wap) take URL(200); QFPay's own limit (512) is the wider one.
        String url200 = "https://shop.example/" + "商".repeat(179);
        assertThat(url200).hasSize(200);
        for (String payType : new String[] {"801101", "801107", "801512", "801514"}) {
            Map<String, String> at = payment("ret-" + counter++);
            at.put("pay_type", payType);
            at.put("return_url", url200);
            Answer accepted = pay(at);
            assertThat(accepted.field("respcd")).as(payType + ": " + accepted.field("resperr")).isEqualTo("0000");

            Map<String, String> over = payment("ret-" + counter++);
            over.put("pay_type", payType);
            over.put("return_url", url200 + "x");
            Answer refused = pay(over);
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.field("respcd")).isEqualTo("1104");
            assertThat(refused.field("resperr")).isEqualTo("return_url: at most 200 characters for pay type "
                    + payType + " (Alipay's limit), got 201");
        }
    }

    @Test
    void acceptsEveryOptionalFieldAtItsLimit() {
        Map<String, String> p = payment("o".repeat(128));
        p.put("txamt", "99999999999");
        p.put("expired_time", "120");
        p.put("goods_name", "商".repeat(64));
        p.put("goods_info", "i".repeat(1024));
        p.put("udid", "u".repeat(40));
        p.put("txzone", "-0530");
        p.put("return_url", "https://shop.example/" + "r".repeat(179)); // Alipay's 200
        p.put("notify_url", "https://shop.example/" + "n".repeat(235));
        p.put("auth_code", "283854702356157409");
        p.put("some_future_field", "signed and otherwise ignored");

        Answer answer = pay(p);

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        assertThat(answer.field("udid")).isEqualTo("u".repeat(40));
        assertThat(answer.field("txamt")).isEqualTo("99999999999");
    }

    @Test
    void emptyOptionalFieldsAreTreatedAsAbsent() {
        Map<String, String> p = payment("empty-optionals");
        p.put("goods_name", "");
        p.put("mchid", "");
        p.put("expired_time", "");
        assertThat(pay(p).field("respcd")).isEqualTo("0000");
    }

    // Transport-level refusals: still a QFPay JSON body, never a stack trace.

    static Answer raw(String contentType, byte[] body) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", contentType)
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGN", "00")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    @Test
    void refusesOtherContentTypes() {
        Answer json = raw("application/json", "{\"txamt\":\"1\"}".getBytes());
        assertThat(json.status()).isEqualTo(415);
        assertThat(json.field("respcd")).isEqualTo("1103");
        assertThat(json.field("resperr")).startsWith("Content-Type: must be application/x-www-form-urlencoded");

        Answer latin1 = raw("application/x-www-form-urlencoded; charset=ISO-8859-1", "txamt=1".getBytes());
        assertThat(latin1.status()).isEqualTo(415);
    }

    /** The body without a Content-Length: the gateway reads it in chunks up to its limit. */
    static Answer chunked(byte[] body) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment")))
                .version(HttpClient.Version.HTTP_1_1)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGN", "00")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))));
    }

    @Test
    void readsBodiesSentWithoutALengthUpToTheLimit() {
        Answer parsed = chunked("txamt=%G1".getBytes());
        assertThat(parsed.field("resperr")).isEqualTo("invalid percent escape in the body");

        String atTheLimit = "goods_info=" + "x".repeat(SignedApi.MAX_BODY_BYTES - 21) + "&txamt=%G1";
        assertThat(atTheLimit).hasSize(SignedApi.MAX_BODY_BYTES);
        Answer whole = chunked(atTheLimit.getBytes());
        assertThat(whole.field("resperr")).isEqualTo("invalid percent escape in the body");

        Answer big = chunked(("goods_info=" + "x".repeat(SignedApi.MAX_BODY_BYTES)).getBytes());
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.field("resperr")).isEqualTo("body larger than 16384 bytes");
    }

    @Test
    void refusesOversizedBodiesWithoutReadingThemWhole() {
        byte[] big = ("goods_info=" + "x".repeat(SignedApi.MAX_BODY_BYTES)).getBytes();
        Answer answer = raw("application/x-www-form-urlencoded", big);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.field("respcd")).isEqualTo("1103");
        assertThat(answer.field("resperr")).isEqualTo("body larger than 16384 bytes");
    }

    @Test
    void refusesBodiesThatAreNotUtf8() {
        Answer answer = raw("application/x-www-form-urlencoded", "goods_name=%C3%28&txamt=1".getBytes());
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1103");
        assertThat(answer.field("resperr")).isEqualTo("parameters must be UTF-8");

        Answer rawBytes = raw("application/x-www-form-urlencoded", new byte[] {'a', '=', (byte) 0xff});
        assertThat(rawBytes.field("respcd")).isEqualTo("1103");
    }

    @Test
    void refusesMalformedForms() {
        assertThat(raw("application/x-www-form-urlencoded", "txamt=%G1".getBytes()).field("resperr"))
                .isEqualTo("invalid percent escape in the body");
        assertThat(raw("application/x-www-form-urlencoded", "txamt=1%2".getBytes()).field("resperr"))
                .isEqualTo("incomplete percent escape in the body");
        assertThat(raw("application/x-www-form-urlencoded", "txamt=1&txamt=2".getBytes()).field("resperr"))
                .isEqualTo("parameter txamt appears more than once");
        assertThat(raw("application/x-www-form-urlencoded", "=1".getBytes()).field("resperr"))
                .isEqualTo("a parameter has an empty name");
    }

    @Test
    void anAlipayWebPaymentInHkdMustBeMoreThanOneDollar() {
        Answer oneDollar = pay(order("min-1", "801101", "100", "HKD"));
        assertThat(oneDollar.field("respcd")).isEqualTo("1104");
        assertThat(oneDollar.field("resperr")).isEqualTo("txamt: must be greater than 100 (HKD 1.00) for pay_type 801101, got 100");

        assertThat(pay(order("min-2", "801101", "101", "HKD")).field("respcd")).isEqualTo("0000");
        assertThat(pay(order("min-3", "801107", "100", "HKD")).field("respcd")).as("WAP has no minimum").isEqualTo("0000");
        assertThat(pay(order("min-4", "801101", "100", "USD")).field("respcd"))
                .as("other currencies cannot be compared without a rate").isEqualTo("0000");
    }

    static Map<String, String> order(String outTradeNo, String payType, String txamt, String currency) {
        Map<String, String> p = payment(outTradeNo + "-" + System.nanoTime());
        p.put("pay_type", payType);
        p.put("txamt", txamt);
        p.put("txcurrcd", currency);
        return p;
    }

    /** Refusals of the body itself are signed for a known app, like every other answer. */
    @Test
    void refusedBodiesAreAnsweredSignedWithTheAppsKey() {
        Answer wrongType = raw("application/json", "{}".getBytes());
        Answer tooBig = raw("application/x-www-form-urlencoded",
                ("goods_info=" + "x".repeat(SignedApi.MAX_BODY_BYTES)).getBytes());
        Answer twice = raw("application/x-www-form-urlencoded", "txamt=1&txamt=2".getBytes());

        assertThat(List.of(wrongType.status(), tooBig.status(), twice.status())).containsExactly(415, 413, 200);
        for (Answer answer : List.of(wrongType, tooBig, twice)) {
            assertThat(answer.field("respcd")).isEqualTo("1103");
            assertThat(answer.header("X-QF-SIGNTYPE")).isEqualTo("MD5");
            assertThat(answer.header("X-QF-SIGN"))
                    .isEqualTo(QfSignature.signBody(answer.body(), merchant.client_key(), SignType.MD5));
        }
    }

    @Test
    void aRefusedBodyIsSignedWithTheRequestsSignType() {
        Answer answer = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", "text/plain")
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGNTYPE", "SHA256")
                .POST(HttpRequest.BodyPublishers.ofString("txamt=1")));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("X-QF-SIGNTYPE")).isEqualTo("SHA256");
        assertThat(answer.header("X-QF-SIGN"))
                .isEqualTo(QfSignature.signBody(answer.body(), merchant.client_key(), SignType.SHA256));
    }

    @Test
    void aRefusedBodyOfAnUnknownAppIsUnsigned() {
        Answer answer = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", "application/json")
                .header("X-QF-APPCODE", "0".repeat(32))
                .POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.header("X-QF-SIGN")).isNull();
    }

    @Test
    void unknownPathsAndMethodsAreNotServed() {
        Answer get = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment"))).GET());
        assertThat(get.status()).isIn(404, 405);
    }
}
