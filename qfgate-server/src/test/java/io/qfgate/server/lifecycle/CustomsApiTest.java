package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.CustomsState;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlCustomsDeclarations;
import io.qfgate.server.store.SqlTransactions;
import java.net.URI;
import java.net.http.HttpRequest;
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
 * /custom/v1/declare, query and redeclare: Alipay payments declared to customs through the
 * sandbox's customs desk, whose merchant customs code picks the verdict, on each database.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomsApiTest {
    @Parameter
    String db;

    TestGateway gw;
    Shop shop;
    int n;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        shop = Shop.merchant(gw);
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    /** A declaration of the whole payment; HKD 10.00 paid is CNY 9.15 in the sandbox. */
    Map<String, String> declaration(String syssn, String mchCustomsNo, String amount) {
        return params("trade_type", "alipay", "syssn", syssn, "customs", "HANGZHOU", "mch_customs_no", mchCustomsNo,
                "mch_customs_name", "jwyhanguo_card", "out_request_no", "REQ" + db + (n++) + System.nanoTime() % 100000,
                "amount", amount);
    }

    Answer declare(Map<String, String> p) {
        return shop.call("/custom/v1/declare", p);
    }

    Answer query(String syssn, String... more) {
        Map<String, String> p = params("trade_type", "alipay", "syssn", syssn, "customs", "HANGZHOU");
        p.putAll(params(more));
        return shop.call("/custom/v1/query", p);
    }

    CustomsDeclaration stored(String syssn, String subOrderNo) {
        return new SqlCustomsDeclarations(gw.gateway.database()).byPayment(syssn, subOrderNo).orElseThrow();
    }

    @Test
    void aPaidAlipayPaymentIsDeclaredAndCustomsAcceptsIt() {
        String paid = shop.paidOrder(1000, "HKD");

        Answer answer = declare(declaration(paid, "HZ1234", "9.15"));

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        assertThat(answer.field("syssn")).isEqualTo(paid);
        assertThat(answer.field("verify_department")).isEqualTo("ALIPAY");
        assertThat(answer.field("verify_department_trade_id")).isNotEmpty();
        assertThat(stored(paid, null).state()).isEqualTo(CustomsState.ACCEPTED);

        Answer queried = query(paid);
        assertThat(queried.field("respcd")).isEqualTo("0000");
        List<Map<String, Object>> data = data(queried);
        assertThat(data).hasSize(1);
        assertThat(data.getFirst()).containsEntry("respcd", "0000").containsEntry("amount", "9.15")
                .containsEntry("verify_department_trade_id", answer.field("verify_department_trade_id"));
    }

    @Test
    void customsRejectsWithItsReasonAndTheQuerySaysSoToo() {
        String paid = shop.paidOrder(1000, "HKD");

        Answer answer = declare(declaration(paid, "REJECT77", "5.00"));

        assertThat(answer.field("respcd")).isEqualTo("1205");
        assertThat(answer.field("resperr")).contains("customs rejected").contains("REJECT77 has no customs record");
        assertThat(stored(paid, null).state()).isEqualTo(CustomsState.REJECTED);
        Answer queried = query(paid);
        assertThat(queried.field("respcd")).isEqualTo("1205");
        assertThat(data(queried).getFirst().get("errmsg").toString()).contains("has no customs record");
    }

    @Test
    void aSlowDeclarationIsPendingUntilAQueryFindsItAccepted() {
        String paid = shop.paidOrder(1000, "HKD");

        Answer answer = declare(declaration(paid, "SLOW42", "9.00"));
        assertThat(answer.field("respcd")).as("continue to query").isEqualTo("1145");
        assertThat(stored(paid, null).state()).isEqualTo(CustomsState.PENDING);

        Answer queried = getQuery(paid);
        assertThat(queried.field("respcd")).as(queried.field("resperr")).isEqualTo("0000");
        assertThat(stored(paid, null).state()).isEqualTo(CustomsState.ACCEPTED);
    }

    @Test
    void aDeclarationAlipayListsAsNotFoundIsSentAgainByTheNextQuery() {
        String paid = shop.paidOrder(1000, "HKD");
        Map<String, String> slow = declaration(paid, "SLOW7", "9.00");
        assertThat(declare(slow).field("respcd")).isEqualTo("1145");
        // Alipay lost it (the sandbox's record is gone): its query answers not_found.
        gw.gateway.database().jdbi().useHandle(h -> h.createUpdate(
                "DELETE FROM sandbox_customs WHERE out_request_no = :no").bind("no", slow.get("out_request_no")).execute());

        query(paid);

        assertThat(stored(paid, null).pushes()).as("sent again").isEqualTo(2);
        int known = gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sandbox_customs WHERE out_request_no = :no")
                .bind("no", slow.get("out_request_no")).mapTo(Integer.class).one());
        assertThat(known).as("Alipay has it again").isEqualTo(1);
    }

    @Test
    void redeclarePushesTheSameDeclarationAgain() {
        String paid = shop.paidOrder(1000, "HKD");
        assertThat(declare(declaration(paid, "HZ1234", "9.15")).field("respcd")).isEqualTo("0000");

        Answer again = shop.call("/custom/v1/redeclare", params("trade_type", "alipay", "syssn", paid,
                "customs", "HANGZHOU", "mch_customs_no", "HZ1234"));

        assertThat(again.field("respcd")).as(again.field("resperr")).isEqualTo("0000");
        assertThat(stored(paid, null).pushes()).isEqualTo(2);
        Answer otherNumber = shop.call("/custom/v1/redeclare", params("trade_type", "alipay", "syssn", paid,
                "customs", "HANGZHOU", "mch_customs_no", "HZ9999"));
        assertThat(otherNumber.field("respcd")).isEqualTo("1267");
        assertThat(otherNumber.field("resperr")).startsWith("mch_customs_no:");
        Answer otherCustoms = shop.call("/custom/v1/redeclare", params("trade_type", "alipay", "syssn", paid,
                "customs", "NINGBO", "mch_customs_no", "HZ1234"));
        assertThat(otherCustoms.field("respcd")).isEqualTo("1268");
    }

    @Test
    void aSplitOrderIsDeclaredPerSubOrder() {
        String paid = shop.paidOrder(1000, "HKD");
        Map<String, String> first = declaration(paid, "HZ1234", "5.00");
        first.putAll(params("sub_order_no", "SUB-1", "order_fee", "500", "product_fee", "450", "transport_fee", "50"));
        Map<String, String> second = declaration(paid, "HZ1234", "4.15");
        second.putAll(params("sub_order_no", "SUB-2", "order_fee", "415", "product_fee", "415", "transport_fee", "0"));

        assertThat(declare(first).field("respcd")).isEqualTo("0000");
        assertThat(declare(second).field("sub_order_no")).isEqualTo("SUB-2");

        assertThat(data(query(paid))).extracting(r -> r.get("sub_order_no")).containsExactly("SUB-1", "SUB-2");
        assertThat(data(query(paid, "sub_order_no", "SUB-2"))).extracting(r -> r.get("amount")).containsExactly("4.15");
        assertThat(stored(paid, "SUB-1").fees().transportFee()).isEqualTo(50);

        Map<String, String> wrongSum = declaration(paid, "HZ1234", "1.00");
        wrongSum.putAll(params("sub_order_no", "SUB-3", "order_fee", "100", "product_fee", "90", "transport_fee", "5"));
        Answer refused = declare(wrongSum);
        assertThat(refused.field("respcd")).isEqualTo("1104");
        assertThat(refused.field("resperr")).startsWith("order_fee: 100 is not product_fee + transport_fee");
    }

    @Test
    void repeatingADeclarationAnswersItOnceAndOtherTermsAreDuplicates() {
        String paid = shop.paidOrder(1000, "HKD");
        Map<String, String> request = declaration(paid, "HZ1234", "9.15");
        assertThat(declare(request).field("respcd")).isEqualTo("0000");

        assertThat(declare(request).field("respcd")).as("a replay").isEqualTo("0000");
        assertThat(stored(paid, null).pushes()).as("sent once").isEqualTo(1);

        Map<String, String> changed = new LinkedHashMap<>(request);
        changed.put("amount", "8.00");
        Answer duplicate = declare(changed);
        assertThat(duplicate.field("respcd")).isEqualTo("1102");
        assertThat(duplicate.field("resperr")).contains("already declared").contains("/custom/v1/redeclare");

        String other = shop.paidOrder(1000, "HKD");
        Map<String, String> reused = declaration(other, "HZ1234", "1.00");
        reused.put("out_request_no", request.get("out_request_no"));
        Answer taken = declare(reused);
        assertThat(taken.field("respcd")).isEqualTo("1102");
        assertThat(taken.field("resperr")).startsWith("out_request_no: ");
    }

    @Test
    void paymentsThatCannotBeDeclaredAreRefusedWithTheMatchingCode() {
        String paid = shop.paidOrder(1000, "HKD");
        assertRefused(declaration(paid, "HZ1234", "9.16"), "1266", "amount: 9.16 is more than the CNY 9.15");

        String unpaid = shop.order(500, "HKD", "801101");
        assertRefused(declaration(unpaid, "HZ1234", "1.00"), "1261", "syssn: payment " + unpaid + " has not succeeded");

        Answer refund = shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "r-" + db + n++,
                "txamt", "100", "txdtm", "2026-11-27 11:00:00"));
        assertThat(refund.field("respcd")).isEqualTo("0000");
        assertRefused(declaration(paid, "HZ1234", "1.00"), "1262", "syssn: payment " + paid + " has been refunded");
        assertRefused(declaration(refund.field("syssn"), "HZ1234", "1.00"), "1136", "is a refund");

        String wechat = wechatPayment(shop.paidOrder(1000, "HKD"));
        assertRefused(declaration(wechat, "HZ1234", "1.00"), "1267", "has pay type 800201, not an Alipay payment");
        assertRefused(declaration("20261127000000000009999999", "HZ1234", "1.00"), "1268", "syssn: no payment");
    }

    @Test
    void requestsWithBadFieldsAreRefusedNamingTheField() {
        String paid = shop.paidOrder(1000, "HKD");
        Map<String, String> weixin = declaration(paid, "HZ1234", "1.00");
        weixin.put("trade_type", "weixin");
        assertRefused(weixin, "1250", "trade_type: weixin cannot be declared here");

        for (String field : List.of("trade_type", "syssn", "customs", "mch_customs_no", "mch_customs_name",
                "out_request_no", "amount")) {
            Map<String, String> missing = declaration(paid, "HZ1234", "1.00");
            missing.remove(field);
            assertRefused(missing, "1104", field + ": required");
        }
        Map<String, String> badAmount = declaration(paid, "HZ1234", "1.001");
        assertRefused(badAmount, "1104", "amount: must be a positive CNY amount");
        Map<String, String> badNumber = declaration(paid, "HZ1234", "1.00");
        badNumber.put("out_request_no", "a b");
        assertRefused(badNumber, "1104", "out_request_no: must be 6 to 32");
        Map<String, String> feeAlone = declaration(paid, "HZ1234", "1.00");
        feeAlone.put("order_fee", "100");
        assertRefused(feeAlone, "1104", "order_fee: is only for a split order");
        Map<String, String> subWithoutFees = declaration(paid, "HZ1234", "1.00");
        subWithoutFees.put("sub_order_no", "SUB-9");
        assertRefused(subWithoutFees, "1104", "order_fee: required");
    }

    @Test
    void anotherAppsPaymentIsNotFound() {
        String agentsPayment = Shop.agent(gw).paidOrder(1000, "HKD");

        assertRefused(declaration(agentsPayment, "HZ1234", "1.00"), "1268", "syssn: no payment " + agentsPayment);
        assertThat(query(agentsPayment).field("respcd")).isEqualTo("1268");
        assertThat(new SqlCustomsDeclarations(gw.gateway.database()).ofPayment(agentsPayment)).isEmpty();
    }

    void assertRefused(Map<String, String> request, String respcd, String resperr) {
        Answer answer = declare(request);
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo(respcd);
        assertThat(answer.field("resperr")).contains(resperr);
    }

    /** The query by GET, its parameters in the query string, as QFPay also allows. */
    Answer getQuery(String syssn) {
        Map<String, String> p = params("trade_type", "alipay", "syssn", syssn, "customs", "HANGZHOU");
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/custom/v1/query") + "?" + TestGateway.form(p)))
                .header("X-QF-APPCODE", shop.appCode)
                .header("X-QF-SIGN", QfSignature.signParams(p, shop.clientKey, SignType.MD5))
                .header("X-QF-SIGNTYPE", "MD5")
                .GET());
    }

    /** A copy of a paid payment as if paid by WeChat Pay, which this gateway cannot carry. */
    String wechatPayment(String paidSyssn) {
        SqlTransactions transactions = new SqlTransactions(gw.gateway.database());
        Transaction t = transactions.bySyssn(paidSyssn).orElseThrow();
        String syssn = transactions.nextSyssn(t.sysdtm().toLocalDate());
        assertThat(transactions.insert(new Transaction(syssn, t.appId(), t.merchantId(), t.orderType(), null,
                "wx-" + syssn, PayType.WECHAT_MPM, t.txamt(), t.currency(), t.txdtm(), t.txzone(), t.sysdtm(), null,
                t.respcd(), t.goodsName(), null, null, null, null, null, null, t.requestDigest(), t.receipt(), 0, null,
                null))).isTrue();
        return syssn;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> data(Answer answer) {
        return (List<Map<String, Object>>) answer.json().get("data");
    }
}
