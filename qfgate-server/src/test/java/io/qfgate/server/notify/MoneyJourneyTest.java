package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.SignType;
import io.qfgate.server.Python;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A merchant's money, end to end, through the real API, the embedded sandbox wallet and the real
 * dispatcher: a payment declared to customs and refunded in part, and an order closed before it was
 * opened but paid anyway (recorded, refunded automatically). Every notice the merchant receives
 * verifies both by its raw body and by QFPay's docs' Python sample (json.dumps, key, MD5).
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MoneyJourneyTest {
    static final String GOODS = "港式奶茶";

    @Parameter
    String db;

    TestGateway gw;
    MerchantEndpoint merchant;

    @BeforeParameterizedClassInvocation
    void start() {
        merchant = new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS"));
        // The real dispatcher, driven by the test one notice at a time.
        gw = new TestGateway(db, c -> c.withDelivery(LatePaymentTest.oneByOne(c.delivery().manual())));
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
        merchant.close();
    }

    @Test
    void aPaymentIsDeclaredAndRefundedInPartAndALatePaymentIsRefundedAndEveryNoticeVerifiesBothWays() {
        // 1. A shopper pays HKD 10.00 for milk tea in the sandbox wallet.
        String paid = order("journey-paid", "1000");
        assertThat(payInWallet(paid)).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> gw.stored(paid).respcd() == Respcd.SUCCESS);

        // 2. It is declared to customs, whole (HKD 10.00 is CNY 9.15 in the sandbox), and accepted.
        //    (Declared before the refund: a payment refunded even in part cannot be declared, 1262.)
        Answer declared = declare(paid, "9.15");
        assertThat(declared.field("respcd")).as(declared.field("resperr")).isEqualTo("0000");
        assertThat(declared.field("syssn")).isEqualTo(paid);
        assertThat(declared.field("verify_department")).isEqualTo("ALIPAY");

        // 3. The merchant refunds HKD 4.00 of it.
        String refund = refund(paid, "400");
        assertThat(gw.stored(paid).refundedAmount()).isEqualTo(400L);

        // 4. Another order is closed before its pay_url is opened, then opened and paid anyway.
        String late = order("journey-late", "300");
        Answer closed = call("/trade/v1/close", Map.of("syssn", late, "txamt", "300", "txdtm", "2026-11-27 10:05:00"));
        assertThat(closed.field("respcd")).as(closed.field("resperr")).isEqualTo("0000");
        assertThat(payInWallet(late)).as("Alipay had never seen the order, so closing it did not stop it").isEqualTo(303);
        String lateRefund = assertRecordedAndRefunded(late);

        // Every notice, delivered one at a time, verified by raw body and by the docs' json.dumps.
        List<Notification> notices = deliverAndVerifyEveryNotice();
        assertThat(notices).extracting(n -> n.isRefund() ? n.origssn() + "<-" + n.syssn() : n.syssn())
                .containsExactly(paid, paid + "<-" + refund, late, late + "<-" + lateRefund);
        assertThat(notices.get(0).txamt()).isEqualTo("1000");
        assertThat(notices.get(0).respcd()).isEqualTo("0000");
        assertThat(notices.get(0).cancel()).isEqualTo("0");
        assertThat(notices.get(1).txamt()).isEqualTo("400");
        assertThat(notices.get(2).respcd()).as("the late payment is a payment").isEqualTo("0000");
        assertThat(notices.get(2).cancel()).as("refunded in full").isEqualTo("3");
        assertThat(notices.get(3).txamt()).isEqualTo("300");
        assertThat(notices).allSatisfy(n -> assertThat(n.goodsName()).isEqualTo(GOODS));
    }

    Answer call(String path, Map<String, String> params) {
        return gw.post(path, params, gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
    }

    /** An Alipay WEB order (801101, HKD) for milk tea, announced at the recording merchant. */
    String order(String outTradeNo, String txamt) {
        Map<String, String> p = payment(outTradeNo + "-" + db);
        p.put("txamt", txamt);
        p.put("goods_name", GOODS);
        p.put("notify_url", merchant.url());
        Answer answer = call("/trade/v1/payment", p);
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }

    int payInWallet(String syssn) {
        return Wallet.pay(Wallet.open(gw.stored(syssn).payUrl()), "buyer-rich");
    }

    Answer declare(String syssn, String amount) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("trade_type", "alipay");
        p.put("syssn", syssn);
        p.put("customs", "HANGZHOU");
        p.put("mch_customs_no", "HZ1234");
        p.put("mch_customs_name", "jwyhanguo_card");
        p.put("out_request_no", "REQ-journey-" + db);
        p.put("amount", amount);
        return call("/custom/v1/declare", p);
    }

    String refund(String syssn, String txamt) {
        Answer answer = call("/trade/v1/refund", Map.of("syssn", syssn, "out_trade_no", "journey-refund-" + db,
                "txamt", txamt, "txdtm", "2026-11-27 11:00:00"));
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }


    /** The late payment is recorded 0000 with cancel 3 and refunded in full by the gateway itself. */
    String assertRecordedAndRefunded(String syssn) {
        await().atMost(Duration.ofSeconds(20)).until(() -> gw.stored(syssn).respcd() == Respcd.SUCCESS
                && new SqlTransactions(gw.gateway.database())
                        .byOutTradeNo(gw.stored(syssn).merchantId(), Transaction.LATE_REFUND_PREFIX + syssn)
                        .map(r -> r.respcd() == Respcd.SUCCESS).orElse(false));
        Transaction paid = gw.stored(syssn);
        assertThat(paid.cancel()).isEqualTo(3);
        assertThat(paid.refundedAmount()).isEqualTo(300L);
        assertThat(paid.errmsg()).contains("paid after the order was closed");
        Transaction refund = gw.lateRefundOf(syssn);
        assertThat(refund.origSyssn()).isEqualTo(syssn);
        assertThat(refund.txamt()).isEqualTo(300L);
        return refund.syssn();
    }

    /** Delivers the outbox one notice at a time; checks each both ways and returns them in order. */
    List<Notification> deliverAndVerifyEveryNotice() {
        while (gw.gateway.dispatcher().deliverDue() > 0) {
            // one notice per batch
        }
        String key = gw.demo().merchant().client_key();
        assertThat(merchant.received).as("payment, refund, late payment, late refund").hasSize(4);
        for (MerchantEndpoint.Received r : merchant.received) {
            assertThat(QfSignature.verifyBody(r.body(), key, SignType.MD5, r.sign()))
                    .as("raw body + key, MD5 = X-QF-SIGN for " + r.text()).isTrue();
            Python.SampleResult docs = Python.docsSample(r.body(), key);
            assertThat(docs.reproducedBody()).as("json.dumps(json.loads(body)) == body for " + r.text()).isTrue();
            assertThat(docs.signature()).as("the docs' json.dumps method for " + r.text()).isEqualTo(r.sign());
        }
        var verifier = new NotificationVerifier(key);
        return merchant.received.stream().map(r -> verifier.verify(r.body(), r.sign())).toList();
    }
}
