package io.qfgate.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.ops.GatewayConfig;
import io.qfgate.server.web.checkstand.CheckoutLinks;
import io.qfgate.server.web.console.Browserless;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The gateway's pages when something goes wrong, on each database: the database gone (the error
 * page, 503, in the page's language, while the API keeps its JSON answer), and a client flooding
 * the pages (429 before any signature or password work, while a shopper's page that polls every
 * two seconds stays well within the default allowance).
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PageFailuresHttpTest {
    @Parameter
    String db;

    TestGateway gw;
    DemoCredentials.Merchant merchant;

    void start(UnaryOperator<GatewayConfig> customize) {
        gw = new TestGateway(db, customize);
        merchant = gw.demo().merchant();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
    }

    @Test
    void withTheDatabaseGoneEveryPageSaysTryAgainLaterInItsLanguageAndTheApiKeepsItsJson() {
        start(UnaryOperator.identity());
        String link = "/checkstand/?" + query("pf-down", "zh-hk", merchant.client_key());
        gw.gateway.database().close();

        Answer checkout = get(link, "en");
        assertThat(checkout.status()).isEqualTo(503);
        assertThat(text(checkout)).contains("<h1>暫時無法使用</h1>").containsPattern("參考編號 [0-9a-f]{8}");
        Answer shop = get("/", "zh-CN,zh;q=0.9");
        assertThat(shop.status()).isEqualTo(503);
        assertThat(text(shop)).contains("<h1>暂时无法使用</h1>");
        Answer signIn = new Browserless(gw.url(""), "/portal").signIn("owner", "a password of some length");
        assertThat(signIn.status()).isEqualTo(503);
        assertThat(text(signIn)).contains("<h1>Temporarily unavailable</h1>");
        for (Answer page : new Answer[] {checkout, shop, signIn}) {
            assertThat(page.header("Content-Type")).startsWith("text/html");
            assertThat(text(page)).doesNotContain("Exception", "at io.", "Hikari", "at org.");
        }

        Answer api = gw.post("/trade/v1/query", Map.of("out_trade_no", "pf-down"), merchant.app_code(),
                merchant.client_key());
        assertThat(api.status()).isEqualTo(500);
        assertThat(api.json()).containsEntry("respcd", "1205").containsEntry("resperr", "internal error, please retry");
    }

    @Test
    void aClientOverItsAllowanceIsToldToWaitBeforeAnySignatureIsChecked() {
        start(c -> c.withIpLimits(new ClientIpLimits.Settings(3, 3, 100)));
        String forged = "/checkstand/status?" + query("pf-flood", "zh-hk", "not the merchant's key");
        for (int i = 0; i < 3; i++) {
            Answer refused = get(forged, "en");
            assertThat(refused.status()).as("a forged link, within the allowance").isBetween(400, 499).isNotEqualTo(429);
        }
        Answer flooded = get(forged, "en");
        assertThat(flooded.status()).isEqualTo(429);
        assertThat(flooded.header("Retry-After")).matches("[1-9]\\d*");
        assertThat(text(flooded)).contains("<h1>請求過多</h1>");

        Answer buy = post("/demo/buy", "item=notebook&token=x&lang=zh-cn");
        assertThat(buy.status()).isEqualTo(429);
        assertThat(text(buy)).contains("<h1>请求过多</h1>");
        Answer signIn = post("/portal/login", "csrf=x&username=owner&password=whatever");
        assertThat(signIn.status()).isEqualTo(429);
        assertThat(text(signIn)).contains("<h1>Too many requests</h1>");

        Answer api = gw.post("/trade/v1/query", Map.of("out_trade_no", "pf-flood"), merchant.app_code(),
                merchant.client_key());
        assertThat(api.json()).as("the API's allowance is its own").containsEntry("respcd", "0000");
    }

    @Test
    void aCheckoutPollingEveryTwoSecondsForTenMinutesStaysWithinTheDefaultAllowance() {
        start(c -> c.withIpLimits(ClientIpLimits.Settings.defaults()));
        String query = query("pf-poll", "en", merchant.client_key());
        assertThat(get("/checkstand/?" + query, "en").status()).isEqualTo(200);
        for (int poll = 0; poll < 300; poll++) {
            gw.clock.advance(Duration.ofSeconds(2));
            assertThat(get("/checkstand/status?" + query, "en").status()).as("poll " + poll).isEqualTo(200);
        }
    }

    /** A checkout link's query string, signed with {@code key}, in {@code lang} (which the signature leaves out). */
    private String query(String outTradeNo, String lang, String key) {
        Map<String, String> obj = CheckoutLinks.order(merchant.app_code(), outTradeNo, "http://127.0.0.1:9", "sha256");
        String link = CheckoutLinks.link("/checkstand/#/?", obj, key, SignType.SHA256);
        return link.substring(link.indexOf("#/?") + 3) + "&lang=" + lang;
    }

    private Answer get(String path, String acceptLanguage) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url(path))).header("Accept-Language", acceptLanguage));
    }

    private Answer post(String path, String form) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept-Language", "en")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
