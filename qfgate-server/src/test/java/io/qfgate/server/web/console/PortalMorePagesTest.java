package io.qfgate.server.web.console;

import static io.qfgate.server.web.console.PortalFixture.PASSWORD;
import static io.qfgate.server.web.console.PortalFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.Merchants;
import io.qfgate.server.domain.PortalDashboard;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlDashboard;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The portal's dashboard, statements and developer page: their figures and files agree with the
 * API's, a new key replaces the old one at once, and a test notice reaches the merchant signed.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PortalMorePagesTest {
    private static final Pattern KEY = Pattern.compile("class=\"console-code more-key\">([0-9A-F]{32})<");

    @Parameter
    String db;

    PortalFixture f;

    @BeforeEach
    void start() {
        // A node that remembers apps for a minute: a new key must still count at once on it.
        f = new PortalFixture(db, c -> c.withAppCacheTtl(Duration.ofMinutes(1)));
    }

    @AfterEach
    void stop() {
        f.close();
    }

    String demoKey() {
        return f.gw.demo().merchant().client_key();
    }

    @Test
    void theDashboardsFiguresAreTheSumsOfTheQueriedTransactionsRefundsApart() {
        String a = f.paid(f.demo, demoKey(), 1000);
        f.paid(f.demo, demoKey(), 2500);
        f.order(f.demo, demoKey(), 700); // never paid: counted as made, not in the volume
        f.refund(f.demo, demoKey(), a, 300);
        f.paid(f.other, f.other.clientKey(), 9900); // another merchant's: in neither

        TestGateway.Answer q = f.call("/trade/v1/query", Map.of("start_time", "2026-11-27 00:00:00",
                "end_time", "2026-11-27 23:59:59", "page_size", "100"), f.demo, demoKey());
        @SuppressWarnings("unchecked")
        List<Map<String, String>> rows = (List<Map<String, String>>) q.json().get("data");
        long payments = rows.stream().filter(r -> r.get("order_type").equals("payment")).count();
        long paid = sum(rows, "payment", true);
        long refunded = sum(rows, "refund", true);
        assertThat(paid).isEqualTo(3500);
        assertThat(refunded).isEqualTo(300);

        PortalDashboard.View view = new PortalDashboard(new Merchants(f.apps), new SqlDashboard(f.gw.gateway.database()),
                f.gw.clock, QfTime.DEFAULT_ZONE).of(f.demo, null);
        assertThat(view.currencies()).hasSize(1);
        PortalDashboard.CurrencyView hkd = view.currencies().getFirst();
        assertThat(hkd.currency()).isEqualTo(Currency.HKD);
        for (PortalDashboard.Figures figures : List.of(hkd.today(), hkd.month())) {
            assertThat(figures.paidAmount()).isEqualTo(paid);
            assertThat(figures.payments()).isEqualTo(payments).isEqualTo(3);
            assertThat(figures.paid()).isEqualTo(2);
            assertThat(figures.refundAmount()).isEqualTo(refunded);
            assertThat(figures.netAmount()).isEqualTo(paid - refunded);
            assertThat(figures.successRate()).isEqualTo(66.7);
        }
        assertThat(hkd.days()).hasSize(30);
        assertThat(hkd.days().getLast().date()).isEqualTo(view.today()).hasToString("2026-11-27");

        String page = Browserless.text(f.demoOwner().get("/portal/dashboard"));
        assertThat(page).contains("<dd class=\"more-big\">35.00 HKD</dd>", "<dd>2 / 3</dd>", "<dd>66.7%</dd>",
                "<dd>3.00 HKD</dd>", "<dd>32.00 HKD</dd>", "<svg viewBox=", "<title>2026-11-27: 35.00 HKD (2)</title>",
                "801101").doesNotContain("99.00");
    }

    private static long sum(List<Map<String, String>> rows, String type, boolean success) {
        return rows.stream().filter(r -> r.get("order_type").equals(type) && r.get("respcd").equals("0000") == success)
                .mapToLong(r -> Long.parseLong(r.get("txamt"))).sum();
    }

    @Test
    void theStatementDownloadIsByteForByteTheApisTradeBill() {
        String a = f.paid(f.demo, demoKey(), 1200);
        f.refund(f.demo, demoKey(), a, 200);
        byte[] api = TestGateway.send(HttpRequest.newBuilder(URI.create(f.gw.url(
                        "/download/v1/trade_bill?trade_date=2026-11-27")))
                .header("X-QF-APPCODE", f.demo.appCode())
                .header("X-QF-SIGN", QfSignature.signParams(Map.of("trade_date", "2026-11-27"), demoKey(), SignType.MD5))
                .GET()).body();
        TestGateway.Answer portal = f.demoOwner().get("/portal/statements/download?date=2026-11-27");
        assertThat(portal.status()).isEqualTo(200);
        assertThat(portal.header("Content-Disposition")).isEqualTo("attachment; filename=\"trade_bill_2026-11-27.zip\"");
        assertThat(portal.body()).isEqualTo(api).hasSizeGreaterThan(100);

        assertThat(Browserless.text(f.demoOwner().get("/portal/statements?date=2026-11-27")))
                .contains("/portal/statements/download?date=2026-11-27");
        assertThat(f.demoOwner().get("/portal/statements?date=27.11.2026").status()).isEqualTo(400);
    }

    @Test
    void anAgentsUserFiltersByItsOwnSubMerchantAndGetsTheApisBillForIt() {
        var agent = f.gw.demo().agent();
        var agentApp = f.apps.byAppCode(agent.app_code()).orElseThrow();
        f.accounts.createPortalUser(agentApp.id(), "agent-viewer", PASSWORD, PortalRole.VIEWER, null);
        Browserless viewer = f.signedIn("agent-viewer", PASSWORD);
        assertThat(Browserless.text(viewer.get("/portal/dashboard"))).contains("value=\"" + agent.mchid() + "\"");
        assertThat(viewer.get("/portal/dashboard?mchid=" + agent.mchid()).status()).isEqualTo(200);

        Map<String, String> p = Map.of("trade_date", "2026-11-27", "mchid", agent.mchid());
        byte[] api = TestGateway.send(HttpRequest.newBuilder(URI.create(f.gw.url(
                        "/download/v1/trade_bill?" + TestGateway.form(p))))
                .header("X-QF-APPCODE", agent.app_code())
                .header("X-QF-SIGN", QfSignature.signParams(p, agent.client_key(), SignType.MD5))
                .GET()).body();
        assertThat(viewer.get("/portal/statements/download?date=2026-11-27&mchid=" + agent.mchid()).body())
                .isEqualTo(api);
    }

    @Test
    void aNewClientKeyIsConfirmedShownOnceAndTheOldKeyIsRefusedAtOnce() {
        Browserless owner = f.demoOwner();
        assertThat(f.order(f.demo, demoKey(), 200)).isNotBlank(); // the node now remembers the app and its key

        String asked = Browserless.text(submit(owner, "/portal/developers/key"));
        assertThat(asked).contains("Yes, replace the key").doesNotContainPattern(KEY);
        assertThat(f.order(f.demo, demoKey(), 200)).as("asking changes nothing").isNotBlank();

        String shown = Browserless.text(submit(owner, "/portal/developers/key", "confirm", "yes"));
        Matcher m = KEY.matcher(shown);
        assertThat(m.find()).as(shown).isTrue();
        String newKey = m.group(1);
        assertThat(newKey).isNotEqualTo(demoKey());

        TestGateway.Answer old = f.call("/trade/v1/payment", TestGateway.payment("after-rotation"), f.demo, demoKey());
        assertThat(old.field("respcd")).as("the old key").isEqualTo("1108");
        assertThat(f.order(f.demo, newKey, 200)).as("the new key").isNotBlank();

        assertThat(Browserless.text(owner.get("/portal/developers"))).doesNotContain(newKey, demoKey());
        List<AuditEntry> audit = new SqlAuditLog(f.gw.gateway.database()).newest(50);
        assertThat(audit).anyMatch(e -> e.action() == AuditAction.KEY_ROTATED && e.username().equals("demo-owner"));
        assertThat(audit).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain(newKey, demoKey()));
    }

    @Test
    void aTestNotificationReachesTheMerchantSignedAndMarkedAsATest() throws IOException {
        AtomicReference<String> body = new AtomicReference<>();
        AtomicReference<String> sign = new AtomicReference<>();
        HttpServer merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.createContext("/notify", exchange -> {
            body.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            sign.set(exchange.getRequestHeaders().getFirst("X-QF-SIGN"));
            byte[] answer = "SUCCESS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        merchant.start();
        try {
            String url = "http://127.0.0.1:" + merchant.getAddress().getPort() + "/notify";
            f.apps.updateApp(f.other.id(), null, url, null, null, null);
            Browserless owner = f.signedIn("other-owner", PASSWORD);
            String page = Browserless.text(submit(owner, "/portal/developers/test"));
            assertThat(page).contains(url, "<dd>200</dd>", "SUCCESS", "Your server acknowledged it");
            assertThat(body.get()).contains("\"test\": \"1\"", "\"out_trade_no\": \"TEST-NOTICE\"",
                    "\"notify_type\": \"payment\"");
            assertThat(QfSignature.verifyBody(body.get().getBytes(StandardCharsets.UTF_8), f.other.clientKey(),
                    SignType.MD5, sign.get())).isTrue();
            assertThat(new SqlAuditLog(f.gw.gateway.database()).newest(5))
                    .anyMatch(e -> e.action() == AuditAction.TEST_NOTICE && e.detail().contains("HTTP 200"));
        } finally {
            merchant.stop(0);
        }
    }

    @Test
    void everyPageShowsOnlyTheSignedInUsersOwnMerchant() {
        String demoPaid = f.paid(f.demo, demoKey(), 4400);
        String otherPaid = f.paid(f.other, f.other.clientKey(), 5500);
        Browserless other = f.signedIn("other-owner", PASSWORD);

        assertThat(Browserless.text(other.get("/portal/dashboard"))).contains("55.00").doesNotContain("44.00");
        assertThat(Browserless.text(f.demoOwner().get("/portal/dashboard"))).contains("44.00").doesNotContain("55.00");
        assertThat(Browserless.text(other.get("/portal/developers"))).contains(f.other.appCode())
                .doesNotContain(demoPaid, f.demo.appCode());

        String agentMchid = f.gw.demo().agent().mchid();
        for (String path : List.of("/portal/dashboard?mchid=", "/portal/statements?mchid=",
                "/portal/statements/download?date=2026-11-27&mchid=")) {
            assertThat(other.get(path + agentMchid).status()).as(path).isEqualTo(404);
        }
        byte[] zip = other.get("/portal/statements/download?date=2026-11-27").body();
        assertThat(NoteUnzip.csv(zip)).contains(otherPaid).doesNotContain(demoPaid);
    }

    @Test
    void aCashierOrViewerIsRefusedTheDeveloperPageAndItsActions() {
        f.accounts.createPortalUser(f.demo.id(), "till-1", PASSWORD, PortalRole.CASHIER, 100L);
        f.accounts.createPortalUser(f.demo.id(), "reader-1", PASSWORD, PortalRole.VIEWER, null);
        for (String name : List.of("till-1", "reader-1")) {
            Browserless user = f.signedIn(name, PASSWORD);
            assertThat(user.get("/portal/developers").status()).as(name).isEqualTo(403);
            assertThat(submit(user, "/portal/developers/key", "confirm", "yes").status()).as(name).isEqualTo(403);
            assertThat(submit(user, "/portal/developers/test").status()).as(name).isEqualTo(403);
            assertThat(user.get("/portal/dashboard").status()).as(name + " reads the dashboard").isEqualTo(200);
            assertThat(user.get("/portal/statements").status()).as(name + " reads statements").isEqualTo(200);
        }
        assertThat(f.order(f.demo, demoKey(), 200)).as("the key is unchanged").isNotBlank();
        assertThat(new SqlAuditLog(f.gw.gateway.database()).newest(50))
                .noneMatch(e -> e.action() == AuditAction.KEY_ROTATED || e.action() == AuditAction.TEST_NOTICE);
    }
}
