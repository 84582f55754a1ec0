package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.ops.DemoCredentials;
import java.time.Duration;
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
 * The operators' console in a real browser, on a desktop and on a phone: creating a merchant (its
 * keys shown once), the Alipay, system and audit pages. Screenshots under
 * {@code target/screenshots/admin-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminConsoleBrowserTest {
    TestGateway gw;
    DemoCredentials demo;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        demo = gw.demo();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void onADesktop() {
        journey(Chromium::desktop, "admin-desktop", "Tea House");
    }

    @Test
    void onAPhone() {
        journey(() -> Chromium.phone(360, 740), "admin-phone", "Noodle Bar");
    }

    private void journey(Supplier<Chromium> browser, String name, String merchant) {
        try (Chromium chromium = browser.get()) {
            ChromeDriver driver = chromium.driver;
            Screenshots shots = new Screenshots(driver, name);
            driver.get(gw.url("/admin/login"));
            WebElement login = driver.findElement(By.cssSelector("form.console-form"));
            driver.findElement(By.id("username")).sendKeys(demo.operator().username());
            driver.findElement(By.id("password")).sendKeys(demo.operator().password());
            driver.findElement(By.cssSelector(".console-form button[type=submit]")).click();
            Chromium.untilGone(driver, login);

            driver.get(gw.url("/admin/merchants"));
            waitFor(driver, "h1", "Merchants");
            shots.take("merchants");
            driver.findElement(By.id("m-name")).sendKeys(merchant);
            WebElement create = driver.findElement(By.cssSelector("#new-merchant ~ form button[type=submit]"));
            click(driver, create);
            Chromium.untilGone(driver, create);
            waitFor(driver, "h1", merchant);
            assertThat(driver.findElement(By.cssSelector(".admin-secrets")).getText()).contains("app_code", "client_key");
            shots.take("merchant-created");

            driver.get(gw.url("/admin/alipay"));
            waitFor(driver, "h1", "Alipay account");
            shots.take("alipay");
            driver.get(gw.url("/admin/system"));
            waitFor(driver, "h1", "System");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("this node");
            shots.take("system");
            driver.get(gw.url("/admin/audit"));
            waitFor(driver, "h1", "Audit log");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("Merchant created", merchant);
            shots.take("audit");
        }
    }

    /** Scrolls the button into view first: on a phone the form is below the fold. */
    private static void click(ChromeDriver driver, WebElement button) {
        driver.executeScript("arguments[0].scrollIntoView({block: 'center'})", button);
        button.click();
    }

    private static void waitFor(ChromeDriver driver, String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
