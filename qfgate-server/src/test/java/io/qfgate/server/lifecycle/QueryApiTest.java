package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** POST /trade/v1/query: every filter, paging, every field, and whose transactions are visible. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryApiTest {
    @Parameter
    String db;

    TestGateway gw;
    Shop shop;
    Shop agent;
    String paid;
    String refund;
    String pending;
    String wap;
    String agentsOrder;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        shop = Shop.merchant(gw);
        agent = Shop.agent(gw);
        paid = shop.paidOrder(1000, "HKD");
        refund = shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "q-refund", "txamt", "250",
                "txdtm", "2026-11-27 11:00:00")).field("syssn");
        pending = shop.order(300, "USD", "801101");
        wap = shop.order(500, "JPY", "801107");
        agentsOrder = agent.order(999, "HKD", "801101");
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    @SuppressWarnings("unchecked")
    List<Map<String, String>> data(Answer answer) {
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return (List<Map<String, String>>) answer.json().get("data");
    }

    List<String> syssns(Answer answer) {
        return data(answer).stream().map(r -> r.get("syssn")).toList();
    }

    Answer query(String... keyValues) {
        return shop.call("/trade/v1/query", params(keyValues));
    }

    @Test
    void byDefaultReturnsThisMonthsTransactionsNewestFirst() {
        Answer answer = query();
        assertThat(answer.field("page")).isEqualTo("1");
        assertThat(answer.field("page_size")).isEqualTo("10");
        assertThat(syssns(answer)).containsExactlyInAnyOrder(paid, refund, pending, wap);
    }

    @Test
    void answersEveryFieldAsAString() {
        Map<String, String> row = data(query("syssn", paid)).getFirst();
        assertThat(row).containsOnlyKeys("syssn", "out_trade_no", "chnlsn", "goods_name", "goods_info", "txcurrcd",
                "pay_type", "order_type", "txdtm", "txamt", "sysdtm", "paydtm", "udid", "cancel", "respcd", "errmsg",
                "origssn", "exchange_rate", "cash_fee", "cash_fee_type", "cash_refund_fee", "cash_refund_fee_type",
                "note");
        assertThat(row).containsEntry("order_type", "payment").containsEntry("respcd", "0000")
                .containsEntry("cancel", "5").containsEntry("txamt", "1000").containsEntry("txcurrcd", "HKD")
                .containsEntry("exchange_rate", "0.9150").containsEntry("cash_fee", "915")
                .containsEntry("cash_fee_type", "CNY").containsEntry("origssn", "").containsEntry("errmsg", "");
        assertThat(row.get("chnlsn")).matches("\\d{28}");
        assertThat(row.get("paydtm")).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
    }

    @Test
    void refundsAreTransactionsOfTheirOwnNamingTheirPayment() {
        Map<String, String> row = data(query("syssn", refund)).getFirst();
        assertThat(row).containsEntry("order_type", "refund").containsEntry("origssn", paid)
                .containsEntry("txamt", "250").containsEntry("respcd", "0000").containsEntry("cancel", "0")
                .containsEntry("cash_refund_fee", "229").containsEntry("cash_refund_fee_type", "CNY")
                .containsEntry("cash_fee", "");
    }

    @Test
    void unpaidOrdersReport1143() {
        Map<String, String> row = data(query("syssn", pending)).getFirst();
        assertThat(row).containsEntry("respcd", "1143").containsEntry("paydtm", "").containsEntry("cancel", "0");
        assertThat(row.get("errmsg")).isNotEmpty();
    }

    @Test
    void filtersByCommaListsAndStatus() {
        assertThat(syssns(query("syssn", paid + "," + pending))).containsExactlyInAnyOrder(paid, pending);
        assertThat(syssns(query("out_trade_no", "q-refund"))).containsExactly(refund);
        assertThat(syssns(query("pay_type", "801107"))).containsExactly(wap);
        assertThat(syssns(query("pay_type", "801101,801107", "respcd", "1143"))).containsExactlyInAnyOrder(pending, wap);
        assertThat(syssns(query("respcd", "0000"))).containsExactlyInAnyOrder(paid, refund);
    }

    @Test
    void filtersByTimeWindowOfAtMostOneMonth() {
        assertThat(syssns(query("start_time", "2026-11-27 00:00:00", "end_time", "2026-11-27 23:59:59"))).hasSize(4);
        assertThat(syssns(query("start_time", "2026-10-01 00:00:00", "end_time", "2026-10-31 23:59:59"))).isEmpty();
        assertThat(syssns(query("end_time", "2026-12-01 00:00:00"))).hasSize(4);

        Answer tooLong = query("start_time", "2026-10-01 00:00:00", "end_time", "2026-11-27 00:00:00");
        assertThat(tooLong.field("respcd")).isEqualTo("1104");
        assertThat(tooLong.field("resperr")).isEqualTo("end_time: must be at most one calendar month after start_time");

        Answer backwards = query("start_time", "2026-11-27 00:00:00", "end_time", "2026-11-26 00:00:00");
        assertThat(backwards.field("resperr")).isEqualTo("end_time: is before start_time");
    }

    @Test
    void timesAreIgnoredWhenSyssnIsGiven() {
        assertThat(syssns(query("syssn", paid, "start_time", "2026-01-01 00:00:00", "end_time", "2026-01-02 00:00:00")))
                .containsExactly(paid);
    }

    @Test
    void pagesThroughResults() {
        List<String> all = syssns(query());
        assertThat(syssns(query("page_size", "3"))).isEqualTo(all.subList(0, 3));
        assertThat(syssns(query("page_size", "3", "page", "2"))).isEqualTo(all.subList(3, 4));
        assertThat(syssns(query("page_size", "3", "page", "3"))).isEmpty();

        assertThat(query("page_size", "0").field("resperr")).isEqualTo("page_size: must be between 1 and 99999999, got 0");
        assertThat(query("page", "0").field("resperr")).isEqualTo("page: must be between 1 and 100000, got 0");
        assertThat(query("page", "x").field("resperr")).isEqualTo("page: must be a whole number, got x");
    }

    @Test
    void aPageSizeOverOneHundredAnswersAtMostOneHundredRows() {
        Answer big = query("page_size", "1000");
        assertThat(big.field("respcd")).isEqualTo("0000");
        assertThat(big.field("page_size")).isEqualTo("100");
        assertThat(syssns(big)).containsExactlyInAnyOrderElementsOf(syssns(query()));
    }

    @Test
    void timesAreIgnoredWhenOutTradeNoIsGiven() {
        assertThat(syssns(query("out_trade_no", "q-refund", "start_time", "2026-01-01 00:00:00",
                "end_time", "2026-01-02 00:00:00"))).containsExactly(refund);
    }

    @Test
    void anEmptyFormWithoutContentTypeIsAQueryWithNoFilters() {
        // What Python's requests.post(url, data={}, headers=…) sends: no body, no Content-Type.
        Answer empty = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/query")))
                .header("X-QF-APPCODE", shop.appCode)
                .header("X-QF-SIGN", QfSignature.signParams(Map.of(), shop.clientKey, SignType.MD5))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(syssns(empty)).containsExactlyInAnyOrder(paid, refund, pending, wap);

        Answer text = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/query")))
                .header("X-QF-APPCODE", shop.appCode)
                .header("X-QF-SIGN", QfSignature.signParams(Map.of(), shop.clientKey, SignType.MD5))
                .POST(HttpRequest.BodyPublishers.ofString("page=1")));
        assertThat(text.status()).as("a body without a form content type").isEqualTo(415);
        assertThat(text.field("respcd")).isEqualTo("1103");
    }

    @Test
    void refusesUnknownFilterValuesByName() {
        assertThat(query("pay_type", "801101,999999").field("resperr")).isEqualTo("pay_type: unknown pay type 999999");
        assertThat(query("respcd", "9999").field("resperr")).isEqualTo("respcd: unknown respcd 9999");
        assertThat(query("start_time", "2026-11-31 00:00:00").field("respcd")).isEqualTo("1104");
        assertThat(query("syssn", paid + ",,").field("resperr")).isEqualTo("syssn: each value must have 1 to 26 characters");
    }

    @Test
    void anAppNeverSeesAnotherAppsTransactions() {
        assertThat(syssns(query("syssn", agentsOrder))).isEmpty();
        assertThat(syssns(agent.call("/trade/v1/query", params()))).containsExactly(agentsOrder);
        assertThat(syssns(agent.call("/trade/v1/query", params("syssn", paid)))).isEmpty();
    }

    @Test
    void anAgentSelectsItsSubMerchantByMchid() {
        Answer without = gw.post("/trade/v1/query", params(), agent.appCode, agent.clientKey);
        assertThat(without.field("respcd")).isEqualTo("1104");
        assertThat(without.field("resperr")).startsWith("mchid: required");

        Answer other = agent.call("/trade/v1/query", params("mchid", "SomeoneElse1"));
        assertThat(other.field("respcd")).isEqualTo("1104");

        Answer merchantWithMchid = query("mchid", agent.mchid);
        assertThat(merchantWithMchid.field("resperr")).startsWith("mchid: must not be sent");
    }
}
