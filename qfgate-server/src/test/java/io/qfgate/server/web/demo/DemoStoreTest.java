package io.qfgate.server.web.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.Wallet;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlApps;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The sandbox's demo store over HTTP: the shop at {@code /}, the pay form's signed redirect to the
 * hosted checkout, its guard against forged posts, the notification endpoint, and the pages the
 * shopper comes back to.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoStoreTest {
    private static final Pattern TOKEN = Pattern.compile("name=\"token\" value=\"([0-9a-f]{64})\"");
    private static final Pattern COOKIE = Pattern.compile("qfgate_demo=([0-9a-f]{32})");

    TestGateway gw;
    DemoCredentials.Merchant merchant;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        merchant = gw.demo().merchant();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void theHomePageInSandboxModeIsAShopOfThreeItemsWithPricesAndPayButtons() {
        Answer shop = get("/", null);
        assertThat(shop.status()).isEqualTo(200);
        assertThat(shop.header("Content-Security-Policy")).contains("script-src 'self'");
        String html = text(shop);
        assertThat(html).contains("<html lang=\"en\">", "Dotted notebook", "HK$128.00", "Jasmine tea", "HK$88.00",
                "Canvas tote bag", "HK$65.00", "/assets/demo.css", "/assets/demo-tea.svg");
        assertThat(html.split("action=\"/demo/buy\"", -1)).as("one pay form per item").hasSize(4);
        assertThat(html.split(">Pay with QFPay checkout</button>", -1)).hasSize(4);
        assertThat(html).doesNotContain("disabled");
        assertThat(shop.header("Set-Cookie")).contains("Path=/demo", "HttpOnly", "SameSite=Strict");
        assertThat(get("/assets/demo-notebook.svg", null).header("Content-Type")).startsWith("image/svg+xml");
    }

    @Test
    void theShopSpeaksTheLanguageParameterElseTheBrowsers() {
        assertThat(text(get("/?lang=zh-hk", null))).contains("<html lang=\"zh-HK\">", "點陣筆記簿", "使用 QFPay 收銀台支付");
        assertThat(text(send(HttpRequest.newBuilder(URI.create(gw.url("/"))).header("Accept-Language", "zh-CN,zh;q=0.9"))))
                .contains("<html lang=\"zh-CN\">", "点阵笔记本");
        assertThat(text(get("/?lang=fr", null))).contains("<html lang=\"en\">");
    }

    @Test
    void payingAnswersSeeOtherToTheCheckoutWithALinkSignedWithTheDemoMerchantsKey() {
        Form form = form("/?lang=en");
        Answer answer = buy(form.cookie(), Map.of("item", "tea", "token", form.token(), "lang", "en"));
        assertThat(answer.status()).isEqualTo(303);
        String location = answer.header("Location");
        assertThat(location).startsWith(gw.gateway.publicUrl() + "/checkstand/#/?");

        Map<String, String> p = params(location);
        String orderNo = p.get("out_trade_no");
        assertThat(orderNo).matches("demo-20261127100000-[0-9a-f]{8}");
        assertThat(p).containsEntry("appcode", merchant.app_code()).containsEntry("sign_type", "md5")
                .containsEntry("paysource", "remotepay_checkout")
                .containsEntry("txamt", "8800").containsEntry("txcurrcd", "HKD")
                .containsEntry("txdtm", "2026-11-27 10:00:00").containsEntry("goods_name", "Jasmine tea")
                .containsEntry("return_url", gw.url("/demo/thanks?out_trade_no=" + orderNo + "&lang=en"))
                .containsEntry("failed_url", gw.url("/demo/failed?out_trade_no=" + orderNo + "&lang=en"))
                .containsEntry("cancel_url", gw.url("/?lang=en"))
                .containsEntry("notify_url", gw.url("/demo/notify"))
                .containsEntry("lang", "en");
        assertThat(p.get("sign")).as("the docs' recipe, recomputed here with the demo key")
                .isEqualTo(checkoutSign(p, merchant.client_key()));
    }

    @Test
    void eachPayGivesANewOrderNumberAndTheChosenLanguagesItemName() {
        Form form = form("/?lang=zh-cn");
        Map<String, String> first = params(buy(form.cookie(), Map.of("item", "tote", "token", form.token(),
                "lang", "zh-cn")).header("Location"));
        Map<String, String> second = params(buy(form.cookie(), Map.of("item", "tote", "token", form.token(),
                "lang", "zh-cn")).header("Location"));
        assertThat(first.get("out_trade_no")).isNotEqualTo(second.get("out_trade_no"));
        assertThat(first).containsEntry("goods_name", "帆布托特包").containsEntry("lang", "zh-cn")
                .containsEntry("txamt", "6500");
    }

    @Test
    void aPayPostWithoutTheMatchingTokenAndCookieIsRefusedWithAPage() {
        Form form = form("/");
        Form other = form("/");
        assertThat(other.cookie()).as("a second visit with no cookie gets a nonce of its own").isNotEqualTo(form.cookie());
        Answer noToken = buy(form.cookie(), Map.of("item", "tea"));
        Answer noCookie = buy(null, Map.of("item", "tea", "token", form.token()));
        Answer otherCookie = buy(other.cookie(), Map.of("item", "tea", "token", form.token()));
        Answer madeUp = buy(form.cookie(), Map.of("item", "tea", "token", "0".repeat(64)));
        for (Answer refused : new Answer[] {noToken, noCookie, otherCookie, madeUp}) {
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.header("Location")).isNull();
            assertThat(text(refused)).contains("This order form has expired or did not come from this store");
        }
    }

    @Test
    void aTokenFromThePageIsValidWhileTheBrowserKeepsItsCookieSoSeveralTabsWork() {
        Form first = form("/");
        Answer again = get("/", first.cookie());
        assertThat(again.header("Set-Cookie")).contains("qfgate_demo=" + first.cookie());
        assertThat(buy(first.cookie(), Map.of("item", "notebook", "token", first.token())).status()).isEqualTo(303);
    }

    @Test
    void anUnknownOrTamperedItemGetsAClearPageNotAnError() {
        Form form = form("/");
        for (String item : new String[] {"caviar", "", "TEA", "tea'--", "x".repeat(5000)}) {
            Answer answer = buy(form.cookie(), Map.of("item", item, "token", form.token()));
            assertThat(answer.status()).as(item).isEqualTo(400);
            assertThat(text(answer)).contains("This store does not sell that item.");
        }
    }

    @Test
    void theNotifyEndpointAcceptsACorrectlySignedNoticeAndRefusesForgedOnes() {
        byte[] body = notice("demo-20261127100000-00000001", "20261127000100020000000001");
        Answer accepted = notify(body, sign(body, merchant.client_key()));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(text(accepted)).isEqualTo("SUCCESS");

        byte[] forgedBody = notice("demo-20261127100000-00000002", "20261127000100020000000002");
        assertThat(notify(forgedBody, sign(forgedBody, "not-the-demo-key")).status()).as("wrong key").isEqualTo(400);
        assertThat(notify(forgedBody, null).status()).as("no signature").isEqualTo(400);
        assertThat(notify(forgedBody, sign(body, merchant.client_key())).status()).as("another body's signature")
                .isEqualTo(400);
        byte[] answer = "{\"respcd\":\"0000\",\"resperr\":\"\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(notify(answer, sign(answer, merchant.client_key())).status()).as("a signed API answer, replayed")
                .isEqualTo(400);
        assertThat(text(notify(forgedBody, null))).startsWith("refused: ");
    }

    @Test
    void theThanksPageForAnOrderTheGatewayDoesNotKnowSaysSo() {
        Answer unknown = get("/demo/thanks?out_trade_no=demo-20261127100000-deadbeef", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(text(unknown)).contains("Order not found", "This store has no order \"demo-20261127100000-deadbeef\".");

        Answer tampered = get("/demo/thanks?out_trade_no=%3Cscript%3Ealert(1)%3C%2Fscript%3E&lang=zh-hk", null);
        assertThat(tampered.status()).isEqualTo(404);
        assertThat(text(tampered)).contains("找不到訂單", "&lt;script&gt;").doesNotContain("<script>alert");
        assertThat(get("/demo/thanks", null).status()).isEqualTo(404);
        assertThat(get("/demo/thanks?out_trade_no=" + "9".repeat(3000), null).status()).isEqualTo(404);
    }

    @Test
    void theThanksPageConfirmsAPaidOrderByQueryingTheGatewayAndSaysWhenItsNotificationArrived() {
        String orderNo = "demo-20261127100000-0000abcd";
        Map<String, String> order = TestGateway.payment(orderNo);
        order.put("goods_name", "Jasmine tea");
        order.put("notify_url", gw.url("/demo/notify"));
        Answer created = gw.post("/trade/v1/payment", order, merchant.app_code(), merchant.client_key());
        String syssn = created.field("syssn");
        String thanksUrl = "/demo/thanks?out_trade_no=" + orderNo + "&lang=en";

        String pending = text(get(thanksUrl, null));
        assertThat(pending).contains("Waiting for payment", syssn, "HK$3.00", "Jasmine tea", "Not received yet");

        assertThat(Wallet.pay(Wallet.open(created.field("pay_url")), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(text(get(thanksUrl, null)))
                .contains("Received and verified"));
        Answer paid = get(thanksUrl, null);
        assertThat(paid.status()).isEqualTo(200);
        assertThat(text(paid)).contains("Thank you for your order", ">Paid<", syssn, "HK$3.00", orderNo);
    }

    @Test
    void withoutAnEnabledDemoMerchantTheStoreSaysItCannotSellAndTakesNoOrder() {
        SqlApps apps = new SqlApps(gw.gateway.database());
        long id = apps.byAppCode(merchant.app_code()).orElseThrow().id();
        Form form = form("/");
        apps.setAppEnabled(id, false);
        try {
            String shop = text(get("/", null));
            assertThat(shop).contains("The demo merchant is missing from this gateway");
            assertThat(shop.split("disabled", -1)).as("every pay button disabled").hasSize(4);
            Answer buy = buy(form.cookie(), Map.of("item", "tea", "token", form.token()));
            assertThat(buy.status()).isEqualTo(409);
            assertThat(text(buy)).contains("Store closed");
            assertThat(notify(notice("demo-20261127100000-00000003", "1"), "00").status()).isEqualTo(409);
        } finally {
            apps.setAppEnabled(id, true);
        }
        assertThat(buy(form.cookie(), Map.of("item", "tea", "token", form.token())).status()).isEqualTo(303);
    }

    @Test
    void theFailedPageNamesTheOrderAndLeadsBackToTheStore() {
        Answer failed = get("/demo/failed?out_trade_no=demo-20261127100000-00c0ffee&lang=zh-cn", null);
        assertThat(failed.status()).isEqualTo(200);
        assertThat(text(failed)).contains("支付未完成", "demo-20261127100000-00c0ffee", "href=\"/?lang=zh-cn\"");
        assertThat(text(get("/demo/failed?out_trade_no=%22%3E", null))).contains("The payment did not go through.");
    }

    // --- the merchant's side, written out independently of the store's code

    /** The docs' checkout signature: non-empty parameters but sign and lang, sorted, k=v&…, key, MD5, lower-case. */
    static String checkoutSign(Map<String, String> params, String key) {
        StringJoiner joined = new StringJoiner("&");
        new TreeMap<>(params).forEach((k, v) -> {
            if (!v.isEmpty() && !k.equals("sign") && !k.equals("lang")) {
                joined.add(k + "=" + v);
            }
        });
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest((joined + key).getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** A checkout link's parameters, decoded. */
    static Map<String, String> params(String link) {
        String fragment = URI.create(link).getRawFragment();
        assertThat(fragment).startsWith("/?");
        Map<String, String> p = new LinkedHashMap<>();
        for (String pair : fragment.substring(2).split("&")) {
            int eq = pair.indexOf('=');
            p.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return p;
    }

    static byte[] notice(String orderNo, String syssn) {
        return ("{\"notify_type\":\"payment\",\"syssn\":\"" + syssn + "\",\"out_trade_no\":\"" + orderNo
                + "\",\"txamt\":\"8800\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\",\"status\":\"1\"}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static String sign(byte[] body, String key) {
        return QfSignature.signBody(body, key, SignType.MD5);
    }

    record Form(String cookie, String token) {}

    /** Opens the shop as a browser would: the nonce cookie it sets and the token its forms carry. */
    Form form(String path) {
        Answer shop = get(path, null);
        Matcher cookie = COOKIE.matcher(shop.header("Set-Cookie"));
        Matcher token = TOKEN.matcher(text(shop));
        assertThat(cookie.find()).isTrue();
        assertThat(token.find()).isTrue();
        return new Form(cookie.group(1), token.group(1));
    }

    Answer buy(String cookie, Map<String, String> fields) {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(gw.url("/demo/buy")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.form(fields)));
        if (cookie != null) {
            post.header("Cookie", "qfgate_demo=" + cookie);
        }
        return send(post);
    }

    Answer notify(byte[] body, String sign) {
        HttpRequest.Builder post = HttpRequest.newBuilder(URI.create(gw.url("/demo/notify")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (sign != null) {
            post.header("X-QF-SIGN", sign);
        }
        return send(post);
    }

    Answer get(String path, String cookie) {
        HttpRequest.Builder get = HttpRequest.newBuilder(URI.create(gw.url(path))).GET();
        if (cookie != null) {
            get.header("Cookie", "qfgate_demo=" + cookie);
        }
        return send(get);
    }

    static Answer send(HttpRequest.Builder request) {
        return TestGateway.send(request);
    }

    static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }
}
