package io.qfgate.server.lifecycle;

import static io.qfgate.server.lifecycle.Shop.params;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** POST /trade/v1/add_note and GET /download/v1/trade_bill. */
class NoteAndStatementTest {
    static TestGateway gw;
    static Shop shop;
    static String paid;
    static String refund;
    static String pending;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2);
        shop = Shop.merchant(gw);
        paid = shop.paidOrder(1000, "HKD");
        refund = shop.call("/trade/v1/refund", params("syssn", paid, "out_trade_no", "bill-refund", "txamt", "400",
                "txdtm", "2026-11-27 11:00:00")).field("syssn");
        pending = shop.order(500, "JPY", "801101");
        Shop.agent(gw).paidOrder(777, "HKD");
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    Answer addNote(Shop who, String syssn, String note) {
        return gw.post("/trade/v1/add_note", params("code", who.appCode, "syssn", syssn, "note", note),
                who.appCode, who.clientKey);
    }

    @Test
    void aNoteIsStoredAndShownInQueries() {
        Answer answer = addNote(shop, paid, "customer asked for gift wrap, 禮品包裝");

        assertThat(answer.field("respcd")).isEqualTo("0000");
        assertThat(answer.json().get("data")).isEqualTo(Map.of("syssn", paid));
        @SuppressWarnings("unchecked")
        var row = ((List<Map<String, String>>) shop.call("/trade/v1/query", params("syssn", paid)).json().get("data")).getFirst();
        assertThat(row.get("note")).isEqualTo("customer asked for gift wrap, 禮品包裝");
    }

    @Test
    void notesAreRefusedWhereQfpayRefusesThem() {
        assertThat(addNote(shop, paid, "n".repeat(201)).field("resperr")).isEqualTo("note: longer than 200 characters");
        assertThat(addNote(shop, "20261127000000000009999999", "x").field("respcd")).isEqualTo("1268");
        Shop agent = Shop.agent(gw);
        assertThat(addNote(agent, paid, "x").field("resperr"))
                .isEqualTo("add_note is only for apps without mchid (merchant apps)");
        Answer wrongCode = gw.post("/trade/v1/add_note", params("code", agent.appCode, "syssn", paid, "note", "x"),
                shop.appCode, shop.clientKey);
        assertThat(wrongCode.field("resperr")).isEqualTo("code: must be the app code sent in X-QF-APPCODE");
    }

    static TestGateway.Answer bill(Shop who, Map<String, String> p) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/download/v1/trade_bill?" + TestGateway.form(p))))
                .header("X-QF-APPCODE", who.appCode)
                .header("X-QF-SIGN", QfSignature.signParams(p, who.clientKey, SignType.MD5))
                .GET());
    }

    static String unzip(byte[] zip, String expectedName) throws IOException {
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry = in.getNextEntry();
            assertThat(entry.getName()).isEqualTo(expectedName);
            String csv = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(in.getNextEntry()).isNull();
            return csv;
        }
    }

    @Test
    void theDaysStatementIsAZipOfCsvWithTotals() throws IOException {
        Answer answer = bill(shop, params("trade_date", "2026-11-27"));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.header("Content-Type")).startsWith("application/zip");
        assertThat(answer.header("X-QF-SIGN")).isEqualTo(QfSignature.signBody(answer.body(), shop.clientKey, SignType.MD5));
        String csv = unzip(answer.body(), "trade_bill_2026-11-27.csv");
        assertThat(csv).startsWith("\uFEFFsyssn,out_trade_no,mchid,order_type,origssn,pay_type,txcurrcd,txamt,amount,"
                + "sysdtm,paydtm,respcd,cancel,chnlsn,cardcd,cash_fee,cash_fee_type,goods_name,udid,note\r\n");
        List<String> lines = csv.lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(paid + ",").contains(",,payment,,801101,HKD,1000,10.00,"));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(refund + ",bill-refund,,refund," + paid + ","));
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith(pending + ",").contains(",JPY,500,500,").contains(",1143,"));
        assertThat(lines).as("the agent's sub-merchant's payment is not this app's").noneMatch(l -> l.contains(",777,"));
        assertThat(lines).contains("total,HKD,1,10.00,1,4.00,6.00");
        assertThat(csv).contains("\r\n");
    }

    @Test
    void anAgentsStatementCoversEverySubMerchantWithItsMchid() throws IOException {
        Shop agent = Shop.agent(gw);
        String csv = unzip(bill(agent, params("trade_date", "2026-11-27")).body(), "trade_bill_2026-11-27.csv");

        List<String> lines = csv.lines().toList();
        assertThat(lines).anySatisfy(l -> assertThat(l).contains("," + agent.mchid + ",payment,,801101,HKD,777,7.77,"));
        assertThat(lines).as("the merchant app's payment is not the agent's").noneMatch(l -> l.startsWith(paid));
        assertThat(lines).contains("total,HKD,1,7.77,0,0.00,7.77");
    }

    @Test
    void aBusyDayIsStreamedWhole() throws IOException {
        Shop busy = Shop.agent(gw);
        String day = "2026-11-28";
        gw.clock.advance(java.time.Duration.ofDays(1));
        try {
            for (int i = 0; i < 120; i++) {
                busy.order(101 + i, "HKD", "801101");
            }
        } finally {
            gw.clock.advance(java.time.Duration.ofDays(-1));
        }
        Answer answer = bill(busy, params("trade_date", day));

        assertThat(answer.header("Content-Length")).isEqualTo(Integer.toString(answer.body().length));
        assertThat(answer.header("X-QF-SIGN")).isEqualTo(QfSignature.signBody(answer.body(), busy.clientKey, SignType.MD5));
        List<String> lines = unzip(answer.body(), "trade_bill_" + day + ".csv").lines().toList();
        assertThat(lines).hasSize(1 + 120 + 2);
    }

    @Test
    void aDayWithoutTransactionsHasOnlyTheHeaderAndTotalsLine() throws IOException {
        String csv = unzip(bill(shop, params("trade_date", "2026-11-26")).body(), "trade_bill_2026-11-26.csv");
        assertThat(csv.lines().toList()).hasSize(3);
    }

    @Test
    void badDatesAndSignaturesAreRefusedAsJson() {
        Answer badDate = bill(shop, params("trade_date", "27/11/2026"));
        assertThat(badDate.field("respcd")).isEqualTo("1104");
        assertThat(badDate.field("resperr")).startsWith("trade_date: must be a date");

        Answer missing = bill(shop, params());
        assertThat(missing.field("resperr")).isEqualTo("trade_date: required");

        Answer forged = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/download/v1/trade_bill?trade_date=2026-11-27")))
                .header("X-QF-APPCODE", shop.appCode).header("X-QF-SIGN", "00").GET());
        assertThat(forged.field("respcd")).isEqualTo("1108");
    }

    @Test
    void csvCellsAreQuotedAndFormulasMadeInert() {
        assertThat(io.qfgate.server.domain.TradeBill.cell("plain")).isEqualTo("plain");
        assertThat(io.qfgate.server.domain.TradeBill.cell("tea, milk")).isEqualTo("\"tea, milk\"");
        assertThat(io.qfgate.server.domain.TradeBill.cell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(io.qfgate.server.domain.TradeBill.cell("=HYPERLINK(\"x\")")).isEqualTo("\"'=HYPERLINK(\"\"x\"\")\"");
        assertThat(io.qfgate.server.domain.TradeBill.cell("-12.50")).isEqualTo("-12.50");
        assertThat(io.qfgate.server.domain.TradeBill.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
    }
}
