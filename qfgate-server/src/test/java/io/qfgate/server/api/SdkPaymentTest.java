package io.qfgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.client.PaymentRequest;
import io.qfgate.client.PaymentResponse;
import io.qfgate.client.QfPayClient;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import java.net.URI;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java SDK against the real gateway: what a merchant's Java code sees. */
class SdkPaymentTest {
    static TestGateway gw;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static QfPayClient client(String appCode, String key, SignType type) {
        return QfPayClient.builder().baseUrl(URI.create(gw.url(""))).appCode(appCode).clientKey(key).signType(type).build();
    }

    static PaymentRequest.Builder order(String outTradeNo) {
        return PaymentRequest.builder().txamt(1288).txcurrcd(Currency.HKD).payType(PayType.ALIPAY_ONLINE_WAP)
                .outTradeNo(outTradeNo).txdtm(LocalDateTime.of(2026, 11, 27, 10, 0)).goodsName("港式奶茶");
    }

    @Test
    void aMerchantCreatesAPaymentAndVerifiesTheAnswer() {
        var merchant = gw.demo().merchant();
        for (SignType type : SignType.values()) {
            PaymentResponse r = client(merchant.app_code(), merchant.client_key(), type)
                    .payment(order("sdk-" + type).build());

            assertThat(r.isSuccess()).as(r.resperr()).isTrue();
            assertThat(r.syssn()).matches("\\d{26}");
            assertThat(r.payUrl()).contains("service=create_forex_trade_wap", "total_fee=12.88");
        }
    }

    @Test
    void anAgentNamesItsSubMerchant() {
        var agent = gw.demo().agent();
        PaymentResponse r = client(agent.app_code(), agent.client_key(), SignType.MD5)
                .payment(order("sdk-agent").mchid(agent.mchid()).build());
        assertThat(r.respcd()).isEqualTo("0000");
    }

    @Test
    void refusalsComeBackAsAnswersNamingTheField() {
        var merchant = gw.demo().merchant();
        PaymentResponse r = client(merchant.app_code(), merchant.client_key(), SignType.MD5)
                .payment(order("sdk-bad").expiredTime(200).build());
        assertThat(r.respcd()).isEqualTo("1104");
        assertThat(r.resperr()).startsWith("expired_time:");
    }

    @Test
    void aWrongKeyIsReportedAsASignatureError() {
        var merchant = gw.demo().merchant();
        PaymentResponse r = client(merchant.app_code(), "0".repeat(32), SignType.MD5).payment(order("sdk-key").build());
        assertThat(r.respcd()).isEqualTo("1108");
        assertThat(r.payUrl()).isNull();
    }

    @Test
    void anUnknownAppCodeIsReportedAsASignatureError() {
        var merchant = gw.demo().merchant();
        PaymentResponse r = client("F".repeat(32), merchant.client_key(), SignType.MD5).payment(order("sdk-y").build());
        assertThat(r.respcd()).isEqualTo("1108");
        assertThat(r.resperr()).contains("X-QF-APPCODE");
    }
}
