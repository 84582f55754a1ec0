package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.ops.DemoCredentials;
import java.time.Duration;
import java.util.List;
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
 * The merchant portal and the operator console in a real browser, on a desktop and on a phone:
 * signing in with the demo accounts, the first page behind each, signing out, and the lockout
 * after repeated failures. Screenshots under {@code target/screenshots/consoles-*}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsolesBrowserTest {
    TestGateway gw;
    DemoCredentials demo;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        demo = gw.demo();
        for (String order : List.of("shop-1001", "shop-1002", "shop-1003")) {
            TestGateway.Answer paid = gw.post("/trade/v1/payment", TestGateway.payment(order),
                    demo.merchant().app_code(), demo.merchant().client_key());
            assertThat(paid.field("respcd")).isEqualTo("0000");
        }
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void onADesktop() {
        journey(Chromium::desktop, "consoles-desktop", "intruder-desktop");
    }

    @Test
    void onAPhone() {
        journey(Chromium::phone, "consoles-phone", "intruder-phone");
    }

    private void journey(Supplier<Chromium> browser, String name, String intruder) {
        try (Chromium chromium = browser.get()) {
            ChromeDriver driver = chromium.driver;
            Screenshots shots = new Screenshots(driver, name);

            driver.get(gw.url("/portal/"));
            waitFor(driver, "h1", "Sign in");
            assertThat(driver.getCurrentUrl()).endsWith("/portal/login");
            shots.take("portal-login");
            signIn(driver, demo.portal().username(), demo.portal().password());
            waitFor(driver, "h1", "Demo Merchant");
            assertThat(driver.findElement(By.tagName("main")).getText()).contains("demo-owner", "Owner", "shop-1003");
            assertThat(driver.findElements(By.cssSelector("tbody tr"))).hasSize(3);
            shots.take("portal-home");
            WebElement signOut = driver.findElement(By.cssSelector(".console-signout button"));
            signOut.click();
            Chromium.untilGone(driver, signOut);
            waitFor(driver, "h1", "Sign in");
            driver.get(gw.url("/portal/"));
            assertThat(driver.getCurrentUrl()).as("signed out").endsWith("/portal/login");

            driver.get(gw.url("/admin/login"));
            waitFor(driver, "h1", "Sign in");
            shots.take("admin-login");
            signIn(driver, demo.operator().username(), demo.operator().password());
            waitFor(driver, "h1", "Merchants");
            assertThat(driver.findElement(By.tagName("main")).getText())
                    .contains("demo-operator", "Demo Merchant", "Demo Sub-merchant");
            shots.take("admin-home");

            driver.get(gw.url("/portal/login"));
            for (int i = 1; i <= 5; i++) {
                signIn(driver, intruder, "guess number " + i);
                waitFor(driver, "h1", "Sign in");
            }
            WebElement alert = driver.findElement(By.cssSelector("[role=alert]"));
            assertThat(alert.getText()).startsWith("Too many failed sign-ins.");
            assertThat(driver.findElement(By.id("username")).getAttribute("value")).isEqualTo(intruder);
            shots.take("portal-locked");
        }
    }

    /** Fills in and sends the sign-in form, and waits until the browser has left the page it was on. */
    private static void signIn(ChromeDriver driver, String username, String password) {
        WebElement form = driver.findElement(By.cssSelector("form.console-form"));
        WebElement user = driver.findElement(By.cssSelector("input[name=username][autocomplete=username]"));
        user.clear();
        user.sendKeys(username);
        driver.findElement(By.cssSelector("input[name=password][autocomplete=current-password]")).sendKeys(password);
        driver.findElement(By.cssSelector(".console-form button[type=submit]")).click();
        Chromium.untilGone(driver, form);
    }

    private static void waitFor(ChromeDriver driver, String css, String text) {
        new WebDriverWait(driver, Duration.ofSeconds(20))
                .until(ExpectedConditions.textToBe(By.cssSelector(css), text));
    }
}
