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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The portal's transactions in a real browser, on a desktop and on a phone: searching by udid
 * (htmx replaces the results), opening the detail, and a partial refund through its confirmation.
 * Screenshots under {@code target/screenshots/portal-tx-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PortalTransactionsBrowserTest {
    TestGateway gw;
    DemoCredentials demo;
    SqlTransactions transactions;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        demo = gw.demo();
        transactions = new SqlTransactions(gw.gateway.database());
        for (String order : new String[] {"shop-2001", "shop-2002", "shop-2003"}) {
            gw.post("/trade/v1/payment", TestGateway.payment(order), demo.merchant().app_code(), demo.merchant().client_key());
        }
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void onADesktop() {
        journey(Chromium::desktop, "portal-tx-desktop", "till-desk");
    }

    @Test
    void onAPhone() {
        journey(() -> Chromium.phone(360, 740), "portal-tx-phone", "till-phone");
    }

    private void journey(Supplier<Chromium> browser, String name, String udid) {
        String syssn = paidOrder(udid);
        try (Chromium chromium = browser.get()) {
            ChromeDriver driver = chromium.driver;
            Screenshots shots = new Screenshots(driver, name);
            driver.get(gw.url("/portal/login"));
            driver.findElement(By.cssSelector("input[name=username]")).sendKeys(demo.portal().username());
            driver.findElement(By.cssSelector("input[name=password]")).sendKeys(demo.portal().password());
            driver.findElement(By.cssSelector(".console-form button[type=submit]")).click();
            waitFor(driver).until(ExpectedConditions.urlMatches(".*/portal/$"));

            driver.get(gw.url("/portal/transactions"));
            assertThat(driver.findElements(By.cssSelector("#tx-results tbody tr")).size()).isGreaterThanOrEqualTo(4);
            shots.take("list");
            WebElement results = driver.findElement(By.id("tx-results"));
            driver.findElement(By.id("tx-q")).sendKeys(udid);
            driver.findElement(By.cssSelector(".tx-buttons button")).click();
            Chromium.untilGone(driver, results);
            waitFor(driver).until(d -> d.findElements(By.cssSelector("#tx-results tbody tr")).size() == 1);
            assertThat(driver.getCurrentUrl()).as("htmx pushed the search").contains("q=" + udid);
            shots.take("search-udid");

            driver.findElement(By.linkText(syssn)).click();
            waitFor(driver).until(ExpectedConditions.urlContains("/portal/transactions/" + syssn));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains(udid, "30.00 HKD",
                    transactions.bySyssn(syssn).orElseThrow().receipt().chnlsn());
            shots.take("detail");

            WebElement amount = driver.findElement(By.id("tx-amount"));
            amount.clear();
            amount.sendKeys("7.50");
            driver.findElement(By.cssSelector(".tx-actions form button")).click();
            waitFor(driver).until(ExpectedConditions.textToBe(By.tagName("h1"), "Confirm the refund"));
            shots.take("confirm");
            driver.findElement(By.cssSelector(".tx-confirm button")).click();
            waitFor(driver).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".tx-done")));
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("7.50 HKD", "Refund requested");
            assertThat(transactions.bySyssn(syssn).orElseThrow().refundedAmount()).isEqualTo(750);
            shots.take("refunded");
        }
    }

    private String paidOrder(String udid) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("order-" + udid));
        p.put("txamt", "3000");
        p.put("udid", udid);
        String syssn = gw.post("/trade/v1/payment", p, demo.merchant().app_code(), demo.merchant().client_key())
                .field("syssn");
        assertThat(Wallet.pay(Wallet.open(transactions.bySyssn(syssn).orElseThrow().payUrl()), "buyer-rich"))
                .isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> transactions.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
        return syssn;
    }

    private static WebDriverWait waitFor(ChromeDriver driver) {
        return new WebDriverWait(driver, Duration.ofSeconds(20));
    }
}
