package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import io.qfgate.server.store.SqlConsoleSessions;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The consoles' rules as a person meets them in a real browser (one desktop Chromium for the
 * class): a cashier's refund limit, an agent's sub-merchant filter, the CSRF token, a session
 * ended by signing out, and a merchant the operator creates taking a payment at once.
 * Screenshots under {@code target/screenshots/console-rules/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleRulesBrowserTest {
    private static final String PASSWORD = "correct horse battery";
    private static final String SECOND_SUB = "M2ND";

    TestGateway gw;
    DemoCredentials demo;
    SqlTransactions transactions;
    Chromium chromium;
    ChromeDriver driver;
    Screenshots shots;
    int orders;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        demo = gw.demo();
        var database = gw.gateway.database();
        transactions = new SqlTransactions(database);
        SqlApps apps = new SqlApps(database);
        SqlConsoleSessions sessions = new SqlConsoleSessions(database);
        ConsoleAuth accounts = ConsoleAuth.over(new SqlConsoleAccounts(database), sessions, sessions,
                new SqlAuditLog(database), ConsoleAuth.Settings.defaults(), gw.clock, QfTime.DEFAULT_ZONE);
        App merchant = apps.byAppCode(demo.merchant().app_code()).orElseThrow();
        App agent = apps.byAppCode(demo.agent().app_code()).orElseThrow();
        apps.createSubMerchant(agent.id(), SECOND_SUB, new SqlApps.NewMerchant("Second Sub", "5999",
                EnumSet.of(PayType.ALIPAY_ONLINE_WEB), EnumSet.allOf(Currency.class), null), LocalDateTime.now());
        accounts.createPortalUser(merchant.id(), "till", PASSWORD, PortalRole.CASHIER, 500L);
        accounts.createPortalUser(agent.id(), "agent-owner", PASSWORD, PortalRole.OWNER, null);
        chromium = Chromium.desktop();
        driver = chromium.driver;
        shots = new Screenshots(driver, "console-rules");
    }

    @AfterAll
    void stop() {
        try {
            if (chromium != null) {
                chromium.close();
            }
        } finally {
            gw.close();
        }
    }

    /** Each rule starts signed out: the browser is shared, its cookies are not. */
    @BeforeEach
    void signedOut() {
        driver.get(gw.url("/portal/login"));
        driver.manage().deleteAllCookies();
    }

    @Test
    void aCashierIsRefusedARefundAboveTheirLimitAndTheApiShowsNoRefund() {
        String syssn = paid(3000);
        signIn("/portal", "till", PASSWORD);
        driver.get(gw.url("/portal/transactions/" + syssn));
        WebElement amount = driver.findElement(By.id("tx-amount"));
        amount.clear();
        amount.sendKeys("5.01");
        click(".tx-actions form button");
        waitFor("h1", "Confirm the refund");
        click(".tx-confirm button");
        waitFor("h1", "Not allowed");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("above your refund limit of 500");
        shots.take("cashier-over-limit");

        assertThat(transactions.refundsOf(syssn)).isEmpty();
        List<Map<String, Object>> rows = queried(Map.of());
        assertThat(rows).as("no refund in the API's query").noneMatch(r -> syssn.equals(r.get("origssn")))
                .allSatisfy(r -> assertThat(r.get("order_type")).isEqualTo("payment"));
        assertThat(queried(Map.of("syssn", syssn))).singleElement()
                .satisfies(r -> assertThat(r.get("cancel")).isEqualTo("0"));
    }

    @Test
    void anAgentChoosingASubMerchantSeesOnlyThatSubMerchantsRows() {
        String first = agentOrder(demo.agent().mchid());
        String second = agentOrder(SECOND_SUB);
        String secondAgain = agentOrder(SECOND_SUB);
        signIn("/portal", "agent-owner", PASSWORD);
        driver.get(gw.url("/portal/transactions"));
        assertThat(listedSyssns()).as("its sub-merchants only").containsExactlyInAnyOrder(first, second, secondAgain);
        shots.take("agent-all-subs");

        WebElement results = driver.findElement(By.id("tx-results"));
        new Select(driver.findElement(By.id("tx-mchid"))).selectByValue(SECOND_SUB);
        driver.findElement(By.cssSelector(".tx-buttons button")).click();
        Chromium.untilGone(driver, results);
        assertThat(listedSyssns()).containsExactlyInAnyOrder(second, secondAgain);
        assertThat(driver.getCurrentUrl()).contains("mchid=" + SECOND_SUB);
        shots.take("agent-second-sub");
    }

    @Test
    void aFormWhoseCsrfTokenWasTamperedWithIsRefused() {
        String syssn = paid(2000);
        signIn("/portal", demo.portal().username(), demo.portal().password());
        driver.get(gw.url("/portal/transactions/" + syssn + "/refund?amount=1.00"));
        waitFor("h1", "Confirm the refund");
        WebElement token = driver.findElement(By.cssSelector(".tx-confirm input[name=csrf]"));
        driver.executeScript("arguments[0].value = 'forged-' + arguments[0].value", token);
        click(".tx-confirm button");
        waitFor("h1", "Request refused");
        assertThat(driver.findElement(By.cssSelector("[role=alert]")).getText())
                .startsWith("This form has expired or did not come from this site.");
        shots.take("csrf-refused");
        assertThat(transactions.refundsOf(syssn)).isEmpty();
    }

    @Test
    void aSessionCookieKeptPastSigningOutOpensNothing() {
        signIn("/portal", demo.portal().username(), demo.portal().password());
        waitFor("h1", "Demo Merchant");
        Cookie session = driver.manage().getCookieNamed("qfgate_portal");
        assertThat(session).as("the session cookie").isNotNull();
        click(".console-signout button");
        waitFor("h1", "Sign in");
        assertThat(driver.manage().getCookieNamed("qfgate_portal")).as("the browser forgot it").isNull();

        driver.manage().addCookie(session);
        driver.get(gw.url("/portal/"));
        waitFor("h1", "Sign in");
        assertThat(driver.getCurrentUrl()).endsWith("/portal/login");
        shots.take("old-session-refused");
    }

    @Test
    void aMerchantTheOperatorCreatesTakesASignedPaymentWithTheKeysShownOnce() {
        signIn("/admin", demo.operator().username(), demo.operator().password());
        driver.get(gw.url("/admin/merchants"));
        waitFor("h1", "Merchants");
        driver.findElement(By.id("m-name")).sendKeys("Rules Bakery");
        WebElement create = driver.findElement(By.cssSelector("#new-merchant ~ form button[type=submit]"));
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", create);
        create.click();
        Chromium.untilGone(driver, create);
        waitFor("h1", "Rules Bakery");
        List<WebElement> labels = driver.findElements(By.cssSelector(".admin-secrets dt"));
        List<WebElement> values = driver.findElements(By.cssSelector(".admin-secrets dd"));
        assertThat(labels).extracting(WebElement::getText).containsExactly("app_code", "client_key");
        String appCode = values.get(0).getText();
        String clientKey = values.get(1).getText();
        shots.take("merchant-created");

        TestGateway.Answer paid = gw.post("/trade/v1/payment", TestGateway.payment("bakery-1"), appCode, clientKey);
        assertThat(paid.field("respcd")).as(paid.json().toString()).isEqualTo("0000");
        assertThat(transactions.bySyssn(paid.field("syssn")).orElseThrow().outTradeNo()).isEqualTo("bakery-1");
        driver.get(gw.url("/admin/merchants/" + appCode));
        waitFor("h1", "Rules Bakery");
        assertThat(driver.findElements(By.cssSelector(".admin-secrets"))).as("the keys are shown once").isEmpty();
    }

    /** Signs in on a console's login page and waits until the browser has left it. */
    private void signIn(String console, String username, String password) {
        driver.get(gw.url(console + "/login"));
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys(password);
        click(".console-form button[type=submit]");
        assertThat(driver.getCurrentUrl()).as(username + " signed in").doesNotEndWith("/login");
    }

    /** An order of the demo merchant a sandbox buyer has paid; its syssn. */
    private String paid(long txamt) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("rules-" + ++orders));
        p.put("txamt", Long.toString(txamt));
        String syssn = gw.post("/trade/v1/payment", p, demo.merchant().app_code(), demo.merchant().client_key())
                .field("syssn");
        assertThat(Wallet.pay(Wallet.open(transactions.bySyssn(syssn).orElseThrow().payUrl()), "buyer-rich"))
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> transactions.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
        return syssn;
    }

    /** An order the demo agent places for one of its sub-merchants; its syssn. */
    private String agentOrder(String mchid) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("agent-" + ++orders));
        p.put("mchid", mchid);
        TestGateway.Answer a = gw.post("/trade/v1/payment", p, demo.agent().app_code(), demo.agent().client_key());
        assertThat(a.field("respcd")).as(a.json().toString()).isEqualTo("0000");
        return a.field("syssn");
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> queried(Map<String, String> params) {
        TestGateway.Answer a = gw.post("/trade/v1/query", params, demo.merchant().app_code(),
                demo.merchant().client_key());
        assertThat(a.field("respcd")).as(a.json().toString()).isEqualTo("0000");
        return (List<Map<String, Object>>) a.json().get("data");
    }

    private List<String> listedSyssns() {
        return driver.findElements(By.cssSelector("#tx-results tbody a.console-code")).stream()
                .map(WebElement::getText).toList();
    }

    private void click(String css) {
        WebElement button = driver.findElement(By.cssSelector(css));
        button.click();
        Chromium.untilGone(driver, button);
    }

    private void waitFor(String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
