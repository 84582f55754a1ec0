package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's dashboard (with its charts), developer, statements and staff pages in a real
 * browser on a desktop and on a phone; an owner adds a cashier. Screenshots under
 * {@code target/screenshots/portal-more-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalMoreBrowserTest {
    TestGateway gw;
    DemoCredentials demo;
    int orders;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        demo = gw.demo();
        long[][] days = {{1500, 800}, {4200}, {}, {2600, 900, 300}, {5100}, {1800, 2200}};
        for (int d = 0; d < days.length; d++) {
            if (d > 0) {
                gw.clock.advance(Duration.ofDays(1));
            }
            for (long txamt : days[d]) {
                paid(txamt);
            }
        }
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    private void paid(long txamt) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("chart-" + ++orders));
        p.put("txamt", Long.toString(txamt));
        TestGateway.Answer a = gw.post("/trade/v1/payment", p, demo.merchant().app_code(), demo.merchant().client_key());
        assertThat(a.field("respcd")).isEqualTo("0000");
        SqlTransactions transactions = new SqlTransactions(gw.gateway.database());
        String syssn = a.field("syssn");
        assertThat(Wallet.pay(Wallet.open(transactions.bySyssn(syssn).orElseThrow().payUrl()), "buyer-rich"))
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> transactions.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
    }

    @Test
    void onADesktop() {
        journey(Chromium::desktop, "portal-more-desktop", "till-desk");
    }

    @Test
    void onAPhone() {
        journey(() -> Chromium.phone(360, 740), "portal-more-phone", "till-phone");
    }

    private void journey(Supplier<Chromium> browser, String name, String cashier) {
        try (Chromium chromium = browser.get()) {
            ChromeDriver driver = chromium.driver;
            Screenshots shots = new Screenshots(driver, name);
            driver.get(gw.url("/portal/login"));
            driver.findElement(By.cssSelector("input[name=username]")).sendKeys(demo.portal().username());
            driver.findElement(By.cssSelector("input[name=password]")).sendKeys(demo.portal().password());
            click(driver, ".console-form button[type=submit]");

            driver.get(gw.url("/portal/dashboard"));
            waitFor(driver, "h1", "Dashboard");
            assertThat(driver.findElements(By.cssSelector(".more-chart rect.more-bar"))).hasSize(30);
            assertThat(driver.findElements(By.cssSelector(".more-mix li"))).hasSize(1);
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("HKD", "Last 30 days", "40.00 HKD", "194.00 HKD");
            shots.take("dashboard");

            driver.get(gw.url("/portal/statements"));
            waitFor(driver, "h1", "Statements");
            shots.take("statements");

            driver.get(gw.url("/portal/developers"));
            waitFor(driver, "h1", "Developers");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(demo.merchant().app_code());
            shots.take("developers");

            driver.get(gw.url("/portal/staff"));
            waitFor(driver, "h1", "Staff");
            driver.findElement(By.id("new-username")).sendKeys(cashier);
            new Select(driver.findElement(By.id("new-role"))).selectByValue("cashier");
            driver.findElement(By.id("new-limit")).sendKeys("50000");
            click(driver, ".more-add button[type=submit]");
            waitFor(driver, "h1", "Staff");
            assertThat(driver.findElement(By.cssSelector(".more-ok")).getText()).contains("User added:", cashier);
            assertThat(driver.findElement(By.cssSelector(".more-ok .more-key")).getText()).hasSize(16);
            assertThat(driver.findElement(By.cssSelector(".more-users")).getText()).contains(cashier, "refund limit 50000");
            shots.take("staff-created");
        }
    }

    private static void click(ChromeDriver driver, String css) {
        WebElement button = driver.findElement(By.cssSelector(css));
        button.click();
        Chromium.untilGone(driver, button);
    }

    private static void waitFor(ChromeDriver driver, String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
