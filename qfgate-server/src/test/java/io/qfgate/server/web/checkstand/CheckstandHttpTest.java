package io.qfgate.server.web.checkstand;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlApps;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The hosted checkout over HTTP, as a shopper's browser opens a merchant's link, on each database. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckstandHttpTest {
    static final String SHOP = "http://127.0.0.1:9";
    static final String DESKTOP = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36";
    static final String PHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) Mobile/15E148 Safari/604.1";
    private static final AtomicInteger ORDERS = new AtomicInteger();

    @Parameter
    String db;

    TestGateway gw;
    DemoCredentials.Merchant merchant;

    @BeforeParameterizedClassInvocation
    void start() {
        gw = new TestGateway(db);
        merchant = gw.demo().merchant();
    }

    @AfterParameterizedClassInvocation
    void stop() {
        gw.close();
    }

    static String unique() {
        return "cs-" + System.nanoTime() + "-" + ORDERS.incrementAndGet();
    }

    Map<String, String> order(String outTradeNo) {
        return CheckoutLinks.order(merchant.app_code(), outTradeNo, SHOP, "sha256");
    }

    /** The query string the page's script makes of the docs' fragment link. */
    String query(Map<String, String> obj, String key) {
        SignType type = "md5".equalsIgnoreCase(obj.get("sign_type")) ? SignType.MD5 : SignType.SHA256;
        String link = CheckoutLinks.link("/checkstand/#/?", obj, key, type);
        return link.substring(link.indexOf("#/?") + 3);
    }

    String query(Map<String, String> obj) {
        return query(obj, merchant.client_key());
    }

    Answer get(String pathAndQuery, String userAgent, String acceptLanguage) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gw.url(pathAndQuery))).header("User-Agent", userAgent);
        if (acceptLanguage != null) {
            request.header("Accept-Language", acceptLanguage);
        }
        return TestGateway.send(request);
    }

    Answer open(String query) {
        return get("/checkstand/?" + query, DESKTOP, null);
    }

    /** The shopper presses a wallet's button on the page. */
    Answer choose(String query, String wallet, String userAgent) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/checkstand/pay")))
                .header("User-Agent", userAgent)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query + "&wallet=" + wallet + "&vw=")));
    }

    static String text(Answer answer) {
        return new String(answer.body(), StandardCharsets.UTF_8);
    }

    int stored(String outTradeNo) {
        return gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM transactions WHERE out_trade_no = :o").bind("o", outTradeNo)
                .mapTo(Integer.class).one());
    }

    @Test
    void aValidLinkShowsTheOrderAndTheWalletsWithoutMakingAnOrder() {
        String no = unique();
        Answer page = open(query(order(no)));
        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).contains("Pay Demo Merchant", "HKD 3.00", "Kowloon Books order", no,
                "value=\"alipay\"", "value=\"alipay-hk\"", "Choose how to pay");
        assertThat(page.header("Content-Security-Policy")).contains("frame-ancestors 'none'", "script-src 'self'",
                "frame-src 'self' " + gw.url(""));
        assertThat(page.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(text(page)).doesNotContain(merchant.client_key());
        assertThat(stored(no)).isZero();
    }

    @Test
    void theAmountIsWrittenWithTheCurrencysMinorUnits() {
        Map<String, String> yen = order(unique());
        yen.put("txcurrcd", "JPY");
        yen.put("txamt", "1234500");
        assertThat(text(open(query(yen)))).contains("JPY 1,234,500").doesNotContain("JPY 1,234,500.");
    }

    @Test
    void withoutParametersThePageIsTheScriptThatReadsTheFragment() {
        Answer page = get("/checkstand/", DESKTOP, null);
        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).contains("<script src=\"/assets/checkstand.js\" defer></script>", "<noscript>")
                .doesNotContain("<script>");
        Answer script = get("/assets/checkstand.js", DESKTOP, null);
        assertThat(script.status()).isEqualTo(200);
        assertThat(text(script)).contains("location.replace(location.pathname + '?' + params)");
    }

    static Stream<Arguments> badLinks() {
        return Stream.of(
                bad("a missing notify_url", 400, "The link has no notify_url.", o -> o.remove("notify_url")),
                bad("a missing failed_url", 400, "The link has no failed_url.", o -> o.remove("failed_url")),
                bad("a paysource not for checkout", 400, "paysource must end in _checkout",
                        o -> o.put("paysource", "remotepay")),
                bad("a zero amount", 400, "The link's txamt is not valid.", o -> o.put("txamt", "0")),
                bad("an amount that is not a number", 400, "The link's txamt is not valid.", o -> o.put("txamt", "3.00")),
                bad("an amount too long", 400, "The link's txamt is too long", o -> o.put("txamt", "123456789012")),
                bad("an unknown currency", 400, "The link's txcurrcd is not valid.", o -> o.put("txcurrcd", "XXX")),
                bad("a return_url that is not http", 400, "The link's return_url is not valid.",
                        o -> o.put("return_url", "javascript:alert(1)")),
                bad("a relative failed_url", 400, "The link's failed_url is not valid.", o -> o.put("failed_url", "/failed")),
                bad("a bad txdtm", 400, "The link's txdtm is not valid.", o -> o.put("txdtm", "2026-13-01 10:00:00")),
                bad("an out_trade_no too long", 400, "The link's out_trade_no is too long (at most 128 characters).",
                        o -> o.put("out_trade_no", "x".repeat(129))),
                bad("a goods_name too long", 400, "The link's goods_name is too long (at most 64 characters).",
                        o -> o.put("goods_name", "x".repeat(65))),
                bad("an expired_time out of range", 400, "The link's expired_time is not valid.",
                        o -> o.put("expired_time", "999")),
                bad("an unknown sign_type", 400, "The link's sign_type is not valid.", o -> o.put("sign_type", "sha1")),
                bad("a checkout_expired_time that is not a time", 400, "The link's checkout_expired_time is not valid.",
                        o -> o.put("checkout_expired_time", "soon")),
                bad("an agent's sub-merchant on a merchant app", 422, "The payment cannot be made.",
                        o -> o.put("mchntid", "ABCDEFGH")));
    }

    static Arguments bad(String what, int status, String message, Consumer<Map<String, String>> change) {
        return Arguments.of(what, status, message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLinks")
    void aBadLinkGetsAnErrorPageNamingTheProblemAndNoOrder(String what, int status, String message,
            Consumer<Map<String, String>> change) {
        Map<String, String> obj = order(unique());
        change.accept(obj);
        Answer page = open(query(obj));
        assertThat(page.status()).as(what).isEqualTo(status);
        assertThat(text(page)).contains("This payment link cannot be used", message).doesNotContain("value=\"alipay\"");
        assertThat(choose(query(obj), "alipay", DESKTOP).status()).as(what + ", chosen anyway").isEqualTo(status);
        assertThat(stored(obj.get("out_trade_no"))).isZero();
    }

    @Test
    void anAgentNamesItsSubMerchantWithMchntid() {
        DemoCredentials.Agent agent = gw.demo().agent();
        Map<String, String> obj = CheckoutLinks.order(agent.app_code(), unique(), SHOP, "md5");
        Answer without = open(query(obj, agent.client_key()));
        assertThat(without.status()).isEqualTo(422);
        assertThat(text(without)).contains("The payment cannot be made.", "mchntid: required");

        obj.put("mchntid", agent.mchid());
        Answer page = open(query(obj, agent.client_key()));
        assertThat(page.status()).isEqualTo(200);
        assertThat(text(page)).contains("Pay Demo Sub-merchant");
        assertThat(choose(query(obj, agent.client_key()), "alipay", DESKTOP).status()).isEqualTo(303);
        assertThat(stored(obj.get("out_trade_no"))).isEqualTo(1);
    }

    @Test
    void aChangedLinkOrAnotherKeysSignatureIsRefused() {
        String no = unique();
        String signed = query(order(no));
        Answer tampered = open(signed.replace("txamt=300", "txamt=3"));
        assertThat(tampered.status()).isEqualTo(403);
        assertThat(text(tampered)).contains("The link's signature is wrong");
        assertThat(open(query(order(no), "0".repeat(32))).status()).isEqualTo(403);
        assertThat(choose(signed.replace("txamt=300", "txamt=3"), "alipay", DESKTOP).status()).isEqualTo(403);
        assertThat(stored(no)).isZero();
    }

    @Test
    void anUnknownAppcodeOrADisabledAppIsRefused() {
        Map<String, String> unknown = order(unique());
        unknown.put("appcode", "0".repeat(32));
        Answer page = open(query(unknown));
        assertThat(page.status()).isEqualTo(403);
        assertThat(text(page)).contains("appcode belongs to no app");

        SqlApps apps = new SqlApps(gw.gateway.database());
        long appId = apps.byAppCode(merchant.app_code()).orElseThrow().id();
        apps.setAppEnabled(appId, false);
        try {
            Answer disabled = open(query(order(unique())));
            assertThat(disabled.status()).isEqualTo(403);
            assertThat(text(disabled)).contains("The store's app is disabled");
        } finally {
            apps.setAppEnabled(appId, true);
        }
    }

    @Test
    void aMissingParameterIsNamedAndEveryLengthIsLimited() throws java.io.IOException {
        Map<String, String> obj = order(unique());
        Answer repeated = open(query(obj) + "&txamt=1");
        assertThat(repeated.status()).isEqualTo(400);
        assertThat(text(repeated)).contains("The link gives txamt more than once.");
        obj.put("shop_note", "x".repeat(257));
        assertThat(text(open(query(obj)))).contains("The link's shop_note is too long (at most 256 characters).");
        // An undecodable parameter is dropped (Jetty), so a garbled signed value breaks the signature.
        assertThat(rawGet("/checkstand/?" + query(order(unique())).replace("Kowloon%20Books", "%zz")))
                .startsWith("HTTP/1.1 403").contains("The link's signature is wrong").doesNotContain("cs-wallet");
        assertThat(choose(query(order(unique())).replace("Kowloon%20Books", "%zz"), "alipay", DESKTOP).status())
                .isEqualTo(403);
        Answer noSign = open(query(order(unique())).replaceAll("&sign=[0-9a-f]+", ""));
        assertThat(noSign.status()).isEqualTo(400);
        assertThat(text(noSign)).contains("The link has no sign.");
    }

    @Test
    void choosingAWalletMakesOneOrderAndAReloadOrASecondChoiceMakesNoOther() {
        String no = unique();
        String link = query(order(no));
        Answer chosen = choose(link, "alipay", DESKTOP);
        assertThat(chosen.status()).isEqualTo(303);
        assertThat(chosen.header("Location")).startsWith(gw.url("/alipay-sandbox/gateway.do?"))
                .contains("service=create_forex_trade&");
        assertThat(stored(no)).isEqualTo(1);

        Answer reload = open(link);
        assertThat(reload.status()).isEqualTo(200);
        assertThat(text(reload)).contains("Continue to Alipay", "This order is paid with Alipay")
                .doesNotContain("value=\"alipay-hk\"");
        Answer again = choose(link, "alipay-hk", PHONE);
        assertThat(again.status()).isEqualTo(303);
        assertThat(again.header("Location")).startsWith("/checkstand/?");
        assertThat(choose(link, "alipay", DESKTOP).status()).isEqualTo(303);
        assertThat(stored(no)).isEqualTo(1);
        assertThat(gw.stored(syssnOf(no)).payType().code()).isEqualTo("801101");
    }

    @Test
    void twoWalletsChosenAtOnceMakeOneOrderAndBothShoppersAreSentOn() throws Exception {
        for (int round = 0; round < 5; round++) {
            String no = unique();
            String link = query(order(no));
            try (var threads = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
                var alipay = threads.submit(() -> choose(link, "alipay", DESKTOP));
                var alipayHk = threads.submit(() -> choose(link, "alipay-hk", PHONE));
                assertThat(alipay.get().status()).isEqualTo(303);
                assertThat(alipayHk.get().status()).isEqualTo(303);
            }
            assertThat(stored(no)).as("orders under " + no).isEqualTo(1);
        }
    }

    @Test
    void aPhoneGetsTheWalletsWapFlowAndADesktopAlipayHkGetsItsQrOnThePage() {
        String phoneNo = unique();
        Answer phone = choose(query(order(phoneNo)), "alipay-hk", PHONE);
        assertThat(phone.status()).isEqualTo(303);
        assertThat(phone.header("Location")).contains("service=create_forex_trade_wap").contains("payment_inst=ALIPAYHK");
        assertThat(gw.stored(syssnOf(phoneNo)).payType().code()).isEqualTo("801512");

        String desktopNo = unique();
        String link = query(order(desktopNo));
        Answer desktop = choose(link, "alipay-hk", DESKTOP);
        assertThat(desktop.status()).isEqualTo(303);
        assertThat(desktop.header("Location")).startsWith("/checkstand/?");
        Answer page = get(desktop.header("Location"), DESKTOP, null);
        assertThat(text(page)).contains("<iframe id=\"cs-qr\"", "qr_pay_mode=4", "Scan with AlipayHK to pay",
                "hx-get=\"/checkstand/status?");
        assertThat(gw.stored(syssnOf(desktopNo)).payType().code()).isEqualTo("801514");
        assertThat(gw.stored(syssnOf(desktopNo)).notifyUrl()).isEqualTo(SHOP + "/notify");

        String narrowNo = unique();
        Answer narrow = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url("/checkstand/pay")))
                .header("User-Agent", DESKTOP).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(query(order(narrowNo)) + "&wallet=alipay&vw=360")));
        assertThat(narrow.header("Location")).contains("service=create_forex_trade_wap");
    }

    @Test
    void alipaysWebMinimumHoldsHereAsInTheApi() {
        Map<String, String> oneDollar = order(unique());
        oneDollar.put("txamt", "100");
        Answer refused = choose(query(oneDollar), "alipay", DESKTOP);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(text(refused)).contains("The payment cannot be made.", "txamt: must be greater than 100 (HKD 1.00)");
        assertThat(stored(oneDollar.get("out_trade_no"))).isZero();
        assertThat(choose(query(oneDollar), "alipay-hk", DESKTOP).status()).isEqualTo(303);
        assertThat(stored(oneDollar.get("out_trade_no"))).isEqualTo(1);
    }

    @Test
    void anOutTradeNoTheMerchantUsedForAnotherOrderIsAConflict() {
        String no = unique();
        Map<String, String> api = TestGateway.payment(no);
        api.put("txamt", "999");
        assertThat(gw.post("/trade/v1/payment", api, merchant.app_code(), merchant.client_key()).field("respcd"))
                .isEqualTo("0000");
        Answer page = open(query(order(no)));
        assertThat(page.status()).isEqualTo(409);
        assertThat(text(page)).contains("The store's order number " + no + " was already used for a different order.");
        assertThat(choose(query(order(no)), "alipay", DESKTOP).status()).isEqualTo(409);
        assertThat(stored(no)).isEqualTo(1);
    }

    @Test
    void afterTheCheckoutExpiryTheShopperIsSentToTheFailedUrl() {
        Map<String, String> obj = order(unique());
        long expiresAt = gw.clock.millis() + Duration.ofMinutes(1).toMillis();
        obj.put("checkout_expired_time", Long.toString(expiresAt));
        String link = query(obj);
        Answer before = open(link);
        assertThat(before.status()).isEqualTo(200);
        assertThat(text(before)).contains("data-expires-in=\"60000\"", "data-failed-url=\"" + obj.get("failed_url"));

        gw.clock.advance(Duration.ofMinutes(2));
        Answer after = open(link);
        assertThat(after.status()).isEqualTo(303);
        assertThat(after.header("Location")).isEqualTo(obj.get("failed_url"));
        assertThat(choose(link, "alipay", DESKTOP).header("Location")).isEqualTo(obj.get("failed_url"));
        assertThat(get("/checkstand/status?" + link, DESKTOP, null).header("HX-Redirect")).isEqualTo(obj.get("failed_url"));
        assertThat(stored(obj.get("out_trade_no"))).isZero();
    }

    @Test
    void whilePendingTheStatusFragmentKeepsPollingAndAClosedOrderSendsTheShopperToTheFailedUrl() {
        String no = unique();
        String link = query(order(no));
        choose(link, "alipay", DESKTOP);
        Answer pending = get("/checkstand/status?" + link, DESKTOP, null);
        assertThat(pending.status()).isEqualTo(200);
        assertThat(pending.header("HX-Redirect")).isNull();
        assertThat(text(pending)).contains("hx-trigger=\"every 2s\"", "Waiting for your payment");

        Map<String, String> close = new LinkedHashMap<>();
        close.put("out_trade_no", no);
        close.put("txamt", "300");
        close.put("txdtm", "2026-11-27 10:05:00");
        assertThat(gw.post("/trade/v1/close", close, merchant.app_code(), merchant.client_key()).field("respcd"))
                .isEqualTo("0000");
        assertThat(get("/checkstand/status?" + link, DESKTOP, null).header("HX-Redirect"))
                .isEqualTo(SHOP + "/failed?order=" + no);
        assertThat(open(link).header("Location")).isEqualTo(SHOP + "/failed?order=" + no);
    }

    @Test
    void thePageSpeaksTheLinksLanguageElseTheBrowsersElseEnglish() {
        String link = query(order(unique()));
        assertThat(text(get("/checkstand/?" + link, DESKTOP, "zh-HK,zh;q=0.9"))).contains("<html lang=\"zh-HK\"", "選擇付款方式");
        assertThat(text(get("/checkstand/?" + link + "&lang=zh-cn", DESKTOP, "zh-HK"))).contains("<html lang=\"zh-CN\"", "选择支付方式");
        assertThat(text(get("/checkstand/?" + link, DESKTOP, "fr-FR"))).contains("<html lang=\"en\"", "Choose how to pay");
        Answer badInChinese = get("/checkstand/?" + link.replace("txamt=300", "txamt=301") + "&lang=zh-cn", DESKTOP, null);
        assertThat(text(badInChinese)).contains("此付款链接无法使用", "链接的签名不正确");
    }

    /** A GET with a request line {@link URI} would refuse to build (a browser sends what the link says). */
    String rawGet(String pathAndQuery) throws java.io.IOException {
        try (var socket = new java.net.Socket("127.0.0.1", gw.gateway.port())) {
            socket.getOutputStream().write(("GET " + pathAndQuery + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    String syssnOf(String outTradeNo) {
        return gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT syssn FROM transactions WHERE out_trade_no = :o").bind("o", outTradeNo).mapTo(String.class).one());
    }
}
