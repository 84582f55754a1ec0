package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.protocol.Currency;
import io.qfgate.server.Python;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlTransactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notice a merchant receives: QFPay's documented fields in QFPay's documented order, written as
 * Python's {@code json.dumps} writes them, so that both the raw-body check and the docs' own Python
 * sample (re-serialise with json.dumps, append the key, MD5) accept it.
 */
class NotificationBodyTest {
    /** The fields of QFPay's documented notice, in its order; {@code mchid} (agents only) left out. */
    static final List<String> DOCUMENTED = List.of("status", "pay_type", "sysdtm", "paydtm", "goods_name", "txcurrcd",
            "txdtm", "txamt", "exchange_rate", "chnlsn2", "out_trade_no", "syssn", "cash_fee_type", "cancel", "respcd",
            "goods_info", "cash_fee", "notify_type", "chnlsn", "cardcd");
    static final String TEA = "港式奶茶 🍵";
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 10, 0);
    static final ObjectMapper JSON = new ObjectMapper();

    TestGateway gw;
    final MerchantEndpoint merchant = new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS"));

    @BeforeEach
    void start() {
        gw = new TestGateway(TestDatabases.H2, c -> c.withDelivery(c.delivery().manual()));
    }

    @AfterEach
    void stop() {
        gw.close();
        merchant.close();
    }

    @Test
    void aPaymentNoticeHasTheDocumentedFieldsInTheDocumentedOrder() {
        var m = gw.demo().merchant();
        String syssn = recordedPaid(m.app_code(), m.client_key(), null);

        Map<String, String> notice = onlyNotice();

        assertThat(notice.keySet()).containsExactlyElementsOf(DOCUMENTED);
        assertThat(notice).containsEntry("status", "1").containsEntry("notify_type", "payment")
                .containsEntry("syssn", syssn).containsEntry("pay_type", "801101").containsEntry("txamt", "300")
                .containsEntry("paydtm", "2026-11-27 10:00:00").containsEntry("cancel", "0")
                .containsEntry("respcd", "0000").containsEntry("exchange_rate", "0.9150")
                .containsEntry("cash_fee", "275").containsEntry("cash_fee_type", "CNY")
                .containsEntry("goods_name", TEA);
        assertThat(notice).as("absent values are empty strings, as in the docs' sample")
                .containsEntry("goods_info", "").containsEntry("chnlsn2", "");
    }

    @Test
    void anAgentsNoticeCarriesMchidWhereTheDocsPutIt() {
        var agent = gw.demo().agent();
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateMerchant(apps.merchantByMchid(agent.mchid()).orElseThrow().id(),
                new SqlApps.NewMerchant(null, null, null, null, merchant.url()), null);
        recordedPaid(agent.app_code(), agent.client_key(), agent.mchid());

        Map<String, String> notice = onlyNotice();

        List<String> expected = new ArrayList<>(DOCUMENTED);
        expected.add(expected.indexOf("txdtm") + 1, "mchid");
        assertThat(notice.keySet()).containsExactlyElementsOf(expected);
        assertThat(notice).containsEntry("mchid", agent.mchid());
    }

    @Test
    void aRefundNoticeAddsTheRefundedCashAndThePaymentAfterTheDocumentedFields() {
        String paid = walletPaid();
        String refund = refund(paid);
        deliverAll();

        Map<String, String> notice = fields(merchant.received.stream()
                .filter(r -> r.text().contains("\"notify_type\": \"refund\"")).findFirst().orElseThrow().body());

        List<String> expected = new ArrayList<>(DOCUMENTED);
        expected.addAll(List.of("cash_refund_fee", "cash_refund_fee_type", "origssn"));
        assertThat(notice.keySet()).containsExactlyElementsOf(expected);
        assertThat(notice).containsEntry("syssn", refund).containsEntry("origssn", paid)
                .containsEntry("txamt", "100").containsEntry("cash_refund_fee", "92")
                .containsEntry("cash_refund_fee_type", "CNY");
        assertThat(notice).as("a refund pays nothing: no cash fee, written as the docs' sample writes none")
                .containsEntry("cash_fee", "0").containsEntry("cash_fee_type", "");
    }

    @Test
    void everyNoticeVerifiesByRawBodyAndByTheDocsPythonSample() {
        String paid = walletPaid();
        refund(paid);
        deliverAll();

        var key = gw.demo().merchant().client_key();
        assertThat(merchant.received).hasSize(2);
        for (MerchantEndpoint.Received r : merchant.received) {
            var n = new NotificationVerifier(key).verify(r.body(), r.sign());
            assertThat(n.goodsName()).isEqualTo(TEA);
            assertThat(r.text()).as("json.dumps writes printable ASCII only").matches("[ -~]*");

            Python.SampleResult docs = Python.docsSample(r.body(), key);

            assertThat(docs.reproducedBody()).as("json.dumps(json.loads(body)) == body for " + r.text()).isTrue();
            assertThat(docs.signature()).isEqualTo(r.sign());
        }
    }

    /** A payment with a Chinese and emoji goods_name that the channel reports paid. */
    String recordedPaid(String appCode, String clientKey, String mchid) {
        Map<String, String> p = payment("n-" + System.nanoTime());
        p.put("goods_name", TEA);
        p.put("notify_url", merchant.url());
        if (mchid != null) {
            p.put("mchid", mchid);
        }
        var answer = gw.post("/trade/v1/payment", p, appCode, clientKey);
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        String syssn = answer.field("syssn");
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD,
                new Receipt(T0, "2026112722001400000000000009", "2088000000000001", "0.9150", 275L, Currency.CNY)));
        return syssn;
    }

    /** The same, paid for real by a sandbox buyer, so that it can be refunded. */
    String walletPaid() {
        var m = gw.demo().merchant();
        Map<String, String> p = payment("w-" + System.nanoTime());
        p.put("goods_name", TEA);
        p.put("notify_url", merchant.url());
        var answer = gw.post("/trade/v1/payment", p, m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        String syssn = answer.field("syssn");
        var stored = new SqlTransactions(gw.gateway.database());
        assertThat(Wallet.pay(Wallet.open(stored.bySyssn(syssn).orElseThrow().payUrl()), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> stored.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
        return syssn;
    }

    String refund(String paid) {
        var m = gw.demo().merchant();
        var answer = gw.post("/trade/v1/refund", Map.of("syssn", paid, "out_trade_no", "r-" + System.nanoTime(),
                "txamt", "100", "txdtm", "2026-11-27 11:00:00"), m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }

    void deliverAll() {
        while (gw.gateway.dispatcher().deliverDue() > 0) {
            // until the outbox has nothing due
        }
    }

    Map<String, String> onlyNotice() {
        deliverAll();
        assertThat(merchant.received).hasSize(1);
        return fields(merchant.received.getFirst().body());
    }

    /** The body's fields in the order they were sent. */
    static Map<String, String> fields(byte[] body) {
        try {
            return JSON.readValue(body, new TypeReference<LinkedHashMap<String, String>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
