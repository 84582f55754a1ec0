package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Hex;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlTransactions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /trade/v1/payment over HTTP, as a merchant's server calls it, on each database. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentApiTest {
    @Parameter
    String db;

    TestGateway gw;
    DemoCredentials.Merchant merchant;
    DemoCredentials.Agent agent;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        merchant = gw.demo().merchant();
        agent = gw.demo().agent();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    Answer pay(Map<String, String> params) {
        return gw.post("/trade/v1/payment", params, merchant.app_code(), merchant.client_key());
    }

    static String unique(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    @Test
    void createsAnOrderAndAnswersTheSeedsFlatShape() {
        Answer answer = pay(payment("order-1"));

        assertThat(answer.status()).isEqualTo(200);
        Map<String, Object> json = answer.json();
        assertThat(json).containsOnlyKeys("respcd", "resperr", "respmsg", "syssn", "out_trade_no", "pay_type",
                "txamt", "txcurrcd", "txdtm", "sysdtm", "paydtm", "udid", "cardcd", "chnlsn", "pay_url");
        assertThat(json.values()).allSatisfy(v -> assertThat(v).isInstanceOf(String.class));
        assertThat(json).containsEntry("respcd", "0000").containsEntry("resperr", "success")
                .containsEntry("out_trade_no", "order-1").containsEntry("pay_type", "801101")
                .containsEntry("txamt", "300").containsEntry("txcurrcd", "HKD")
                .containsEntry("txdtm", "2026-11-27 10:00:00")
                .containsEntry("sysdtm", "2026-11-27 10:00:00");
        assertThat(answer.field("syssn")).matches("20261127\\d{18}");
        assertThat(answer.field("pay_url"))
                .startsWith(gw.url("/alipay-sandbox/gateway.do?service=create_forex_trade&"))
                .contains("out_trade_no=" + answer.field("syssn"))
                .contains("total_fee=3.00", "currency=HKD");
    }

    @Test
    void storesTheOrderAsNotYetPaid() {
        Answer answer = pay(payment("order-stored"));

        var stored = new SqlTransactions(gw.gateway.database()).bySyssn(answer.field("syssn")).orElseThrow();
        assertThat(stored.respcd().code()).isEqualTo("1143");
        assertThat(stored.txamt()).isEqualTo(300);
        assertThat(stored.currency()).isEqualTo(Currency.HKD);
        assertThat(stored.payUrl()).isEqualTo(answer.field("pay_url"));
        assertThat(stored.expiresAt()).isEqualTo(stored.sysdtm().plusMinutes(30));
    }

    @Test
    void signsTheAnswerOverItsExactBytesWithTheRequestsSignType() {
        Answer md5 = pay(payment(unique("sig-md5")));
        assertThat(md5.header("X-QF-SIGNTYPE")).isEqualTo("MD5");
        assertThat(md5.header("X-QF-SIGN"))
                .isEqualTo(QfSignature.signBody(md5.body(), merchant.client_key(), SignType.MD5));

        Answer sha = gw.post("/trade/v1/payment", payment(unique("sig-sha")), merchant.app_code(),
                merchant.client_key(), SignType.SHA256);
        assertThat(sha.field("respcd")).isEqualTo("0000");
        assertThat(sha.header("X-QF-SIGNTYPE")).isEqualTo("SHA256");
        assertThat(sha.header("X-QF-SIGN"))
                .isEqualTo(QfSignature.signBody(sha.body(), merchant.client_key(), SignType.SHA256));
    }

    /** QFPay's Python signing sample, line by line: sorted keys, '%s=%s' joined by '&', key appended, MD5 upper. */
    static String pythonSampleSign(Map<String, String> data, String key) {
        List<String> keys = new ArrayList<>(data.keySet());
        Collections.sort(keys);
        List<String> p = new ArrayList<>();
        for (String k : keys) {
            p.add(String.format("%s=%s", k, data.get(k)));
        }
        byte[] unsign = (String.join("&", p) + key).getBytes(StandardCharsets.UTF_8);
        return Hex.upper(Hex.digest("MD5", unsign));
    }

    @Test
    void acceptsAClientWrittenLikeTheSeedsPythonSample() {
        Map<String, String> data = new java.util.LinkedHashMap<>();
        data.put("txamt", "201"); // the sample's '10' is below 801101's HKD 1.00 minimum; it suggests > 200
        data.put("txcurrcd", "HKD");
        data.put("pay_type", "801101");
        data.put("out_trade_no", unique("01234567890123"));
        data.put("txdtm", "2026-11-27 10:30:34");
        data.put("goods_name", "測試 goods & more");

        Answer answer = TestGateway.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url("/trade/v1/payment")))
                // requests.post(data=…) sends a form without a charset parameter.
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGN", pythonSampleSign(data, merchant.client_key()))
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestGateway.form(data))));

        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
    }

    @Test
    void acceptsLowerCaseHexSignatures() {
        Map<String, String> p = payment(unique("lower"));
        Answer answer = TestGateway.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGN", QfSignature.signParams(p, merchant.client_key(), SignType.MD5).toLowerCase())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestGateway.form(p))));
        assertThat(answer.field("respcd")).isEqualTo("0000");
    }

    @Test
    void refusesAWrongSignatureWithoutCreatingAnything() {
        Answer answer = gw.post("/trade/v1/payment", payment("forged"), merchant.app_code(), "0".repeat(32));

        assertThat(answer.field("respcd")).isEqualTo("1108");
        assertThat(answer.field("resperr")).startsWith("X-QF-SIGN");
        assertThat(new SqlTransactions(gw.gateway.database()).byOutTradeNo(1, "forged")).isEmpty();
    }

    @Test
    void refusesUnknownAppCodesUnsigned() {
        Answer answer = gw.post("/trade/v1/payment", payment("x"), "F".repeat(32), merchant.client_key());

        assertThat(answer.field("respcd")).isEqualTo("1108");
        assertThat(answer.field("resperr")).contains("X-QF-APPCODE");
        assertThat(answer.header("X-QF-SIGN")).isNull();
    }

    @Test
    void refusesMissingSignatureAndUnknownSignType() {
        Map<String, String> p = payment("unsigned");
        Answer missing = TestGateway.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", merchant.app_code())
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestGateway.form(p))));
        assertThat(missing.field("respcd")).isEqualTo("1108");
        assertThat(missing.field("resperr")).contains("X-QF-SIGN: required");

        Answer badType = TestGateway.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(gw.url("/trade/v1/payment")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", merchant.app_code())
                .header("X-QF-SIGN", QfSignature.signParams(p, merchant.client_key(), SignType.MD5))
                .header("X-QF-SIGNTYPE", "SHA1")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(TestGateway.form(p))));
        assertThat(badType.field("respcd")).isEqualTo("1108");
        assertThat(badType.field("resperr")).contains("X-QF-SIGNTYPE");
    }

    @Test
    void replayingTheSameOrderReturnsTheOriginalAnswer() {
        Map<String, String> p = payment("replay-1");
        Answer first = pay(p);
        gw.clock.advance(Duration.ofSeconds(5));
        Answer again = pay(p);

        assertThat(again.field("respcd")).isEqualTo("0000");
        assertThat(again.field("syssn")).isEqualTo(first.field("syssn"));
        assertThat(again.field("pay_url")).isEqualTo(first.field("pay_url"));
        assertThat(again.field("sysdtm")).isEqualTo(first.field("sysdtm"));
    }

    @Test
    void reusingAnOutTradeNoForADifferentOrderIsADuplicate() {
        pay(payment("dup-1"));
        Map<String, String> other = payment("dup-1");
        other.put("txamt", "301");

        Answer answer = pay(other);

        assertThat(answer.field("respcd")).isEqualTo("1102");
        assertThat(answer.field("resperr")).contains("out_trade_no");
    }

    @Test
    void concurrentRequestsWithOneOutTradeNoMakeOneOrder() throws Exception {
        Map<String, String> p = payment("race-1");
        List<Callable<Answer>> calls = Collections.nCopies(16, () -> pay(p));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<String> syssns = new ArrayList<>();
        for (Future<Answer> f : pool.invokeAll(calls)) {
            assertThat(f.get().field("respcd")).isEqualTo("0000");
            syssns.add(f.get().field("syssn"));
        }
        pool.shutdown();

        assertThat(Set.copyOf(syssns)).hasSize(1);
        int rows = gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM transactions WHERE out_trade_no = 'race-1'").mapTo(Integer.class).one());
        assertThat(rows).isEqualTo(1);
    }

    @Test
    void syssnsAreUniqueAndIncreasing() {
        List<String> syssns = new ArrayList<>();
        for (int i = 0; i < 120; i++) { // more than one block of the sequence
            syssns.add(pay(payment("seq-" + i)).field("syssn"));
        }
        assertThat(syssns).doesNotHaveDuplicates().isSorted();
    }

    @Test
    void agentsMustNameASubMerchant() {
        Answer without = gw.post("/trade/v1/payment", payment(unique("agent")), agent.app_code(), agent.client_key());
        assertThat(without.field("respcd")).isEqualTo("1104");
        assertThat(without.field("resperr")).startsWith("mchid: required");

        Map<String, String> p = payment(unique("agent"));
        p.put("mchid", agent.mchid());
        assertThat(gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key()).field("respcd")).isEqualTo("0000");

        p.put("mchid", "NotMine123");
        Answer unknown = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key());
        assertThat(unknown.field("respcd")).isEqualTo("1104");
        assertThat(unknown.field("resperr")).startsWith("mchid:");
    }

    @Test
    void directMerchantsMustNotSendMchid() {
        Map<String, String> p = payment(unique("direct"));
        p.put("mchid", agent.mchid()); // even a real mchid of another app

        Answer answer = pay(p);

        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).startsWith("mchid: must not be sent");
    }

    @Test
    void outTradeNoIsPerMerchant() {
        Map<String, String> p = payment("shared-no");
        Answer mine = pay(p);
        p.put("mchid", agent.mchid());
        Answer theirs = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key());

        assertThat(theirs.field("respcd")).isEqualTo("0000");
        assertThat(theirs.field("syssn")).isNotEqualTo(mine.field("syssn"));
    }

    @Test
    void everyAlipayOnlinePayTypeGetsItsPayUrl() {
        for (String payType : List.of("801101", "801107", "801514", "801512")) {
            Map<String, String> p = payment(unique("pt" + payType));
            p.put("pay_type", payType);
            Answer answer = pay(p);
            assertThat(answer.field("respcd")).as(payType).isEqualTo("0000");
            assertThat(answer.field("pay_type")).isEqualTo(payType);
            String expected = payType.equals("801107") || payType.equals("801512")
                    ? "service=create_forex_trade_wap" : "service=create_forex_trade&";
            assertThat(answer.field("pay_url")).as(payType).contains(expected);
        }
    }

    @Test
    void knownPayTypesWithoutAChannelAreRefusedByName() {
        Map<String, String> p = payment(unique("wechat"));
        p.put("pay_type", "800201");

        Answer answer = pay(p);

        assertThat(answer.field("respcd")).isEqualTo("1250");
        assertThat(answer.field("resperr")).isEqualTo(
                "pay_type: 800201 (WeChat Pay Merchant Presented QR Code) is not carried by this gateway");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "800008|Consumer Presented QR Code for WeChat Pay, Alipay, UnionPay Quick Pass and PayMe",
        "801501|Alipay Merchant Presented QR Code (Hong Kong merchants)",
        "801010|WeChat Pay HK in-app (direct settlement)",
        "803714|Octopus Online WEB",
        "806808|American Express card offline",
    })
    void everyOtherCodeOfQfpaysTableIsRefusedByName(String code, String name) {
        Map<String, String> p = payment(unique("not-carried"));
        p.put("pay_type", code);

        Answer answer = pay(p);

        assertThat(answer.field("respcd")).isEqualTo("1250");
        assertThat(answer.field("resperr")).isEqualTo("pay_type: " + code + " (" + name + ") is not carried by this gateway");
    }

    @Test
    void aCodeOutsideQfpaysTableIsAParameterError() {
        Map<String, String> p = payment(unique("unknown-type"));
        p.put("pay_type", "804114");

        Answer answer = pay(p);

        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).isEqualTo("pay_type: unknown pay type 804114");
    }

    @Test
    void payTypesAndCurrenciesMustBeEnabledForTheMerchant() {
        Map<String, String> p = payment(unique("agent-limits"));
        p.put("mchid", agent.mchid());
        SqlApps apps = new SqlApps(gw.gateway.database());
        long subId = apps.merchantByMchid(agent.mchid()).orElseThrow().id();
        apps.updateMerchant(subId, new SqlApps.NewMerchant(null, null, Set.of(PayType.ALIPAY_ONLINE_WEB),
                Set.of(Currency.HKD), null), null);

        p.put("pay_type", "801107");
        Answer wap = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key());
        assertThat(wap.field("respcd")).isEqualTo("1250");
        assertThat(wap.field("resperr")).isEqualTo("pay_type: 801107 is not enabled for this merchant");

        p.put("pay_type", "801101");
        p.put("txcurrcd", "USD");
        Answer usd = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key());
        assertThat(usd.field("respcd")).isEqualTo("1250");
        assertThat(usd.field("resperr")).isEqualTo("txcurrcd: USD is not enabled for this merchant");

        apps.updateMerchant(subId, new SqlApps.NewMerchant(null, null, Set.of(PayType.values()),
                Set.of(Currency.values()), null), false);
        Answer disabled = gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key());
        assertThat(disabled.field("respcd")).isEqualTo("1243");

        apps.updateMerchant(subId, new SqlApps.NewMerchant(null, null, null, null, null), true);
        assertThat(gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key()).field("respcd"))
                .isEqualTo("0000");
    }

    @Test
    void amountsUseTheCurrencysMinorUnit() {
        Map<String, String> yen = payment(unique("jpy"));
        yen.put("txcurrcd", "JPY");
        yen.put("txamt", "500");
        assertThat(pay(yen).field("pay_url")).contains("total_fee=500&").contains("currency=JPY");

        Map<String, String> usd = payment(unique("usd"));
        usd.put("txcurrcd", "USD");
        usd.put("txamt", "1");
        assertThat(pay(usd).field("pay_url")).contains("total_fee=0.01&");
    }

    @Test
    void expiredTimeBecomesAlipaysOrderValidTime() {
        Map<String, String> p = payment(unique("exp"));
        p.put("expired_time", "5");
        assertThat(pay(p).field("pay_url")).contains("order_valid_time=300&");

        Map<String, String> max = payment(unique("exp"));
        max.put("expired_time", "120");
        assertThat(pay(max).field("pay_url")).contains("order_valid_time=7200&");
    }
}
