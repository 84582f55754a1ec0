package io.qfgate.client;

import static io.qfgate.client.FakeGateway.APP_CODE;
import static io.qfgate.client.FakeGateway.CLIENT_KEY;
import static io.qfgate.client.FakeGateway.json;
import static io.qfgate.client.FakeGateway.signed;
import static io.qfgate.client.FakeGateway.unsigned;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.client.FakeGateway.Received;
import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.SignType;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QfPayClientTest {
    private static final LocalDateTime TXDTM = LocalDateTime.of(2026, 1, 1, 10, 30, 34);

    private FakeGateway gateway;
    private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        gateway = new FakeGateway();
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private QfPayClient.Builder clientBuilder() {
        return gateway.clientBuilder(sleeps::add); // record the waits instead of sleeping through them
    }

    private QfPayClient client() {
        return clientBuilder().build();
    }

    private static PaymentRequest.Builder order() {
        return PaymentRequest.builder()
                .txamt(300)
                .txcurrcd(Currency.HKD)
                .payType(PayType.ALIPAY_ONLINE_WEB)
                .outTradeNo("ORDER-1")
                .txdtm(TXDTM);
    }

    private Received onlyRequest() {
        assertThat(gateway.received).hasSize(1);
        return gateway.received.getFirst();
    }

    @Test
    void paymentIsSignedLikeTheDocsSampleAndTheAnswerIsParsed() {
        PaymentResponse r = client().payment(order().build());

        Received req = onlyRequest();
        assertThat(req.method()).isEqualTo("POST");
        assertThat(req.path()).isEqualTo("/trade/v1/payment");
        assertThat(req.header("Content-Type")).isEqualTo("application/x-www-form-urlencoded; charset=UTF-8");
        assertThat(req.header("X-QF-APPCODE")).isEqualTo(APP_CODE);
        assertThat(req.header("X-QF-SIGNTYPE")).isEqualTo("MD5");
        // Only the fields that were set travel; nothing null or defaulted sneaks in.
        assertThat(req.params()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "txamt", "300", "txcurrcd", "HKD", "pay_type", "801101",
                "out_trade_no", "ORDER-1", "txdtm", "2026-01-01 10:30:34"));
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.header("X-QF-SIGN"))
                .isEqualTo(FakeGateway.pythonSampleSign(req.params(), CLIENT_KEY, "MD5"))
                .matches("[0-9A-F]{32}");

        assertThat(r.isSuccess()).isTrue();
        assertThat(r.respcd()).isEqualTo("0000");
        assertThat(r.resperr()).isEqualTo("success");
        assertThat(r.syssn()).isEqualTo("20260101000300020087033882");
        assertThat(r.outTradeNo()).isEqualTo("ORDER-1");
        assertThat(r.payType()).isEqualTo("801101");
        assertThat(r.txamt()).isEqualTo("300");
        assertThat(r.txcurrcd()).isEqualTo("HKD");
        assertThat(r.txdtm()).isEqualTo("2026-01-01 10:30:34");
        assertThat(r.sysdtm()).isEqualTo("2026-01-01 10:30:34");
        assertThat(r.payUrl()).startsWith("https://sandbox.example/gateway.do?service=create_forex_trade");
        assertThat(r.raw()).containsEntry("pay_url", r.payUrl()).hasSize(15);
    }

    @Test
    void everyOptionalFieldIsSentInItsWireFormat() {
        client().payment(order()
                .expiredTime(30).goodsName("tea").goodsInfo("green tea 100g").mchid("ZaMVg12345")
                .txzone(ZoneOffset.ofHoursMinutes(5, 30)).udid("till-2")
                .returnUrl("https://shop.example/done?id=1&x=y").notifyUrl("https://shop.example/notify")
                .build());

        Received req = onlyRequest();
        assertThat(req.signatureValid()).isTrue();
        assertThat(req.params())
                .containsEntry("expired_time", "30")
                .containsEntry("goods_name", "tea")
                .containsEntry("goods_info", "green tea 100g")
                .containsEntry("mchid", "ZaMVg12345")
                .containsEntry("txzone", "+0530")
                .containsEntry("udid", "till-2")
                .containsEntry("return_url", "https://shop.example/done?id=1&x=y")
                .containsEntry("notify_url", "https://shop.example/notify")
                .hasSize(13);
    }

    @Test
    void businessRefusalIsReturnedNotThrown() {
        gateway.answer(r -> signed(200, json(Map.of(
                "respcd", "1104", "resperr", "txcurrcd: currency JPY is not enabled for this app", "respmsg", "")),
                "MD5"));

        PaymentResponse r = client().payment(order().build());

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.respcd()).isEqualTo("1104");
        assertThat(r.resperr()).contains("txcurrcd");
        assertThat(r.payUrl()).isNull();
    }

    @Test
    void answerSignedWithAnotherKeyIsRejected() {
        gateway.answer(r -> {
            String body = json(Map.of("respcd", "0000", "resperr", "success", "pay_url", "https://evil.example/"));
            return FakeGateway.withHeaders(unsigned(200, body),
                    Map.of("X-QF-SIGN", FakeGateway.bodySign(body, "FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", "MD5")));
        });

        assertThatThrownBy(() -> client().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.httpStatus()).isEqualTo(200);
                    assertThat(e.respcd()).isEqualTo("0000");
                    assertThat(e.getMessage()).contains("does not match");
                });
    }

    @Test
    void answerWhoseBodyWasAlteredAfterSigningIsRejected() {
        gateway.answer(r -> {
            String genuine = json(Map.of("respcd", "0000", "txamt", "300"));
            return FakeGateway.withHeaders(unsigned(200, genuine.replace("300", "3")),
                    Map.of("X-QF-SIGN", FakeGateway.bodySign(genuine, CLIENT_KEY, "MD5")));
        });

        assertThatThrownBy(() -> client().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void lowerCaseHexResponseSignatureIsAccepted() {
        gateway.answer(r -> {
            String body = json(Map.of("respcd", "0000", "syssn", "1"));
            return FakeGateway.withHeaders(unsigned(200, body),
                    Map.of("X-QF-SIGN", FakeGateway.bodySign(body, CLIENT_KEY, "MD5").toLowerCase()));
        });

        assertThat(client().payment(order().build()).isSuccess()).isTrue();
    }

    @Test
    void answerWithoutSignatureIsRejected() {
        gateway.answer(r -> unsigned(200, json(Map.of("respcd", "0000", "pay_url", "https://evil.example/"))));

        assertThatThrownBy(() -> client().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE);
                    assertThat(e.getMessage()).contains("no X-QF-SIGN");
                });
    }

    @Test
    void unsigned1108ForUnknownAppIsReturnedButOnlyAsARefusal() {
        // The gateway cannot sign for an app it does not know; a forged pay_url must not get through.
        gateway.answer(r -> unsigned(200, json(Map.of(
                "respcd", "1108", "resperr", "X-QF-APPCODE: unknown app", "respmsg", "",
                "pay_url", "https://evil.example/"))));

        PaymentResponse r = clientBuilder().appCode("00000000000000000000000000000000").build()
                .payment(order().build());

        assertThat(r.isSuccess()).isFalse();
        assertThat(r.respcd()).isEqualTo("1108");
        assertThat(r.resperr()).isEqualTo("X-QF-APPCODE: unknown app");
        assertThat(r.payUrl()).isNull();
        assertThat(r.raw()).containsOnlyKeys("respcd", "resperr", "respmsg");
    }

    @Test
    void wrongClientKeyYields1108RatherThanASignatureException() {
        // Default fake: a bad request signature gets an unsigned 1108, as the gateway would answer.
        PaymentResponse r = clientBuilder().clientKey("11111111111111111111111111111111").build()
                .payment(order().build());

        assertThat(onlyRequest().signatureValid()).isFalse();
        assertThat(r.respcd()).isEqualTo("1108");
        assertThat(r.isSuccess()).isFalse();
    }

    @Test
    void rateLimitedRequestIsRetriedAfterRetryAfterThenSucceeds() {
        AtomicInteger calls = new AtomicInteger();
        gateway.answer(r -> switch (calls.incrementAndGet()) {
            case 1 -> new FakeGateway.Reply(429, json(Map.of("respcd", "1100", "resperr", "rate limited")),
                    Map.of("Retry-After", "2"));
            case 2 -> unsigned(429, ""); // no Retry-After: the client falls back to one second
            default -> FakeGateway.success(r);
        });

        PaymentResponse r = client().payment(order().build());

        assertThat(r.isSuccess()).isTrue();
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(1));
        assertThat(gateway.received).hasSize(3)
                .allSatisfy(req -> assertThat(req.signatureValid()).isTrue())
                .extracting(Received::rawBody).containsOnly(gateway.received.getFirst().rawBody());
    }

    @Test
    void rateLimitIsGivenUpAfterTheConfiguredRetries() {
        gateway.answer(r -> new FakeGateway.Reply(429, json(Map.of("respcd", "1100", "resperr", "rate limited")),
                Map.of("Retry-After", "1")));

        assertThatThrownBy(() -> clientBuilder().maxRetries(2).build().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED);
                    assertThat(e.httpStatus()).isEqualTo(429);
                    assertThat(e.resperr()).isEqualTo("rate limited");
                });
        assertThat(gateway.received).hasSize(3);
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void retryAfterLongerThanAllowedFailsAtOnceInsteadOfBlocking() {
        gateway.answer(r -> new FakeGateway.Reply(429, "", Map.of("Retry-After", "60")));

        assertThatThrownBy(() -> clientBuilder().maxRetryWait(Duration.ofSeconds(10)).build().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.RATE_LIMITED));
        assertThat(gateway.received).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void sha256SignsTheRequestAndVerifiesTheAnswerWithSha256() {
        PaymentResponse r = clientBuilder().signType(SignType.SHA256).build().payment(order().build());

        Received req = onlyRequest();
        assertThat(req.header("X-QF-SIGNTYPE")).isEqualTo("SHA256");
        assertThat(req.header("X-QF-SIGN")).matches("[0-9A-F]{64}");
        assertThat(req.signatureValid()).isTrue();
        assertThat(r.isSuccess()).isTrue();
    }

    @Test
    void sha256ClientRejectsAnAnswerSignedWithMd5() {
        gateway.answer(r -> signed(200, json(Map.of("respcd", "0000")), "MD5"));

        assertThatThrownBy(() -> clientBuilder().signType(SignType.SHA256).build().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_SIGNATURE));
    }

    @Test
    void unknownExtraParametersAreSentAndSigned() {
        client().payment(order().extra(Map.of("promo_code", "NEWYEAR", "lang", "zh-hk")).extra("a_first", "1").build());

        Received req = onlyRequest();
        assertThat(req.params())
                .containsEntry("promo_code", "NEWYEAR")
                .containsEntry("lang", "zh-hk")
                .containsEntry("a_first", "1");
        assertThat(req.signatureValid()).isTrue();
    }

    @Test
    void extraParameterMayNotShadowATypedField() {
        assertThatThrownBy(() -> order().extra("txamt", "1").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("txamt");
    }

    @Test
    void nonAsciiGoodsNameIsEncodedAndSignedAsUtf8() {
        String name = "測試商品 café & 1+1=2";

        client().payment(order().goodsName(name).build());

        Received req = onlyRequest();
        assertThat(req.params()).containsEntry("goods_name", name);
        assertThat(req.rawBody()).contains("goods_name=%E6%B8%AC%E8%A9%A6"); // percent-encoded UTF-8 bytes
        assertThat(req.signatureValid()).isTrue();
    }

    @Test
    void nonOkStatusThrowsWithStatusAndBodyHints() {
        gateway.answer(r -> unsigned(503, json(Map.of("respcd", "1100", "resperr", "system maintenance"))));

        assertThatThrownBy(() -> client().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.HTTP_STATUS);
                    assertThat(e.httpStatus()).isEqualTo(503);
                    assertThat(e.respcd()).isEqualTo("1100");
                    assertThat(e.resperr()).isEqualTo("system maintenance");
                });
    }

    @Test
    void signedAnswerThatIsNotJsonThrows() {
        gateway.answer(r -> signed(200, "<html>oops</html>", "MD5"));

        assertThatThrownBy(() -> client().payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.reason()).isEqualTo(Reason.BAD_RESPONSE));
    }

    @Test
    void unreachableGatewayIsATransportError() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        QfPayClient client = clientBuilder().baseUrl(URI.create("http://127.0.0.1:" + closedPort)).build();

        assertThatThrownBy(() -> client.payment(order().build()))
                .isInstanceOfSatisfying(QfPayException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.TRANSPORT);
                    assertThat(e.httpStatus()).isZero();
                });
    }

    @Test
    void baseUrlPathPrefixIsKept() {
        clientBuilder().baseUrl(URI.create(gateway.baseUrl() + "/online-test/")).build().payment(order().build());

        assertThat(onlyRequest().path()).isEqualTo("/online-test/trade/v1/payment");
    }
}
