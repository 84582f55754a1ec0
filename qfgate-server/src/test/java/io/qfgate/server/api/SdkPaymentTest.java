package io.qfgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.client.AddNoteResponse;
import io.qfgate.client.CancelRequest;
import io.qfgate.client.CancelResponse;
import io.qfgate.client.PaymentRequest;
import io.qfgate.client.PaymentResponse;
import io.qfgate.client.QfPayClient;
import io.qfgate.client.QfPayException;
import io.qfgate.client.QueryRequest;
import io.qfgate.client.QueryResponse;
import io.qfgate.client.RefundRequest;
import io.qfgate.client.RefundResponse;
import io.qfgate.client.TransactionRecord;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Java SDK against the real gateway, every endpoint: what a merchant's Java code sees. */
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

    @Test
    void theWholeLifecycleThroughTheSdk() throws Exception {
        var m = gw.demo().merchant();
        QfPayClient qfpay = client(m.app_code(), m.client_key(), SignType.MD5);
        PaymentResponse created = qfpay.payment(order("sdk-life").payType(PayType.ALIPAY_ONLINE_WEB).build());
        String syssn = created.syssn();

        assertThat(Wallet.pay(Wallet.open(created.payUrl()), "buyer-rich")).isEqualTo(303);
        TransactionRecord paid = qfpay.awaitResult(syssn, Duration.ofSeconds(20), Duration.ofMillis(100));
        assertThat(paid.respcd()).isEqualTo("0000");
        assertThat(paid.chnlsn()).matches("\\d{28}");

        RefundResponse refund = qfpay.refund(RefundRequest.builder().syssn(syssn).outTradeNo("sdk-life-refund")
                .txamt(288).txdtm(LocalDateTime.of(2026, 11, 27, 11, 0)).build());
        assertThat(refund.respcd()).isEqualTo("0000");
        assertThat(refund.origSyssn()).isEqualTo(syssn);
        RefundResponse tooMuch = qfpay.refund(RefundRequest.builder().syssn(syssn).outTradeNo("sdk-life-refund-2")
                .txamt(1001).txdtm(LocalDateTime.of(2026, 11, 27, 11, 0)).build());
        assertThat(tooMuch.respcd()).isEqualTo("1272");

        QueryResponse both = qfpay.query(QueryRequest.builder().syssn(syssn, refund.syssn()).build());
        assertThat(both.data()).extracting(TransactionRecord::orderType).containsExactlyInAnyOrder("payment", "refund");
        assertThat(both.data()).filteredOn(r -> r.syssn().equals(syssn)).singleElement()
                .satisfies(r -> assertThat(r.cancel()).isEqualTo("5"));

        AddNoteResponse noted = qfpay.addNote(syssn, "gift");
        assertThat(noted.syssn()).isEqualTo(syssn);

        PaymentResponse unpaid = qfpay.payment(order("sdk-life-2").payType(PayType.ALIPAY_ONLINE_WEB).build());
        CancelResponse closed = qfpay.close(CancelRequest.builder().syssn(unpaid.syssn()).txamt(1288)
                .txdtm(LocalDateTime.of(2026, 11, 27, 11, 5)).build());
        assertThat(closed.respcd()).isEqualTo("0000");
        CancelResponse reversedPaid = qfpay.reversal(CancelRequest.builder().syssn(syssn).txamt(1288)
                .txdtm(LocalDateTime.of(2026, 11, 27, 11, 5)).build());
        assertThat(reversedPaid.respcd()).isEqualTo("1260");

        byte[] zip = qfpay.tradeBill(LocalDate.of(2026, 11, 27));
        try (var in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            assertThat(in.getNextEntry().getName()).isEqualTo("trade_bill_2026-11-27.csv");
            String csv = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(csv).contains(syssn, refund.syssn(), unpaid.syssn(), ",gift");
        }
        assertThatThrownBy(() -> qfpay.tradeBill(LocalDate.of(2026, 11, 27), "nope"))
                .isInstanceOfSatisfying(QfPayException.class, e -> assertThat(e.respcd()).isEqualTo("1104"));
    }
}
