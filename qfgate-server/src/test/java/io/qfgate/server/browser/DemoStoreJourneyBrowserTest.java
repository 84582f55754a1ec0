package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.ops.DemoCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The demo store clicked through as a visitor of a plain {@code ./qfgate serve} would: the shop,
 * Pay, the hosted checkout, Alipay in the sandbox wallet, and back on the store's thank-you page,
 * which shows the order paid as {@code /trade/v1/query} reports it and the notification received
 * and verified. The gateway keeps the production rules for notification targets (ports 80/443,
 * no private addresses): only sandbox mode's own {@code /demo/notify} lets the notice through.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoStoreJourneyBrowserTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    TestGateway gw;
    DemoCredentials.Merchant merchant;

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2,
                c -> c.withDelivery(Dispatcher.Settings.defaults(TargetPolicy.PRODUCTION)));
        merchant = gw.demo().merchant();
    }

    @AfterAll
    void stop() {
        gw.close();
    }

    @Test
    void onADesktopTheShopperPaysAtAlipaysCashierAndTheThanksPageConfirmsTheNotifiedPayment() {
        try (Chromium browser = Chromium.desktop(1280, 800)) {
            ChromeDriver driver = browser.driver;
            Screenshots shots = new Screenshots(driver, "demo-journey-desktop");
            payOnTheCheckout(driver, shots, 0);
            WebElement qr = waiting(driver).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.qr")));
            assertThat(driver.getCurrentUrl()).startsWith(gw.url("/alipay-sandbox/"));
            shots.take("3-alipay-cashier");
            String walletUrl = QrCodes.fromImageSource(qr);
            driver.switchTo().newWindow(WindowType.TAB);
            driver.get(walletUrl);
            payInTheWallet(driver, shots);
            theThanksPageConfirmsIt(driver, shots, "HK$128.00");
        }
    }

    @Test
    void onAPhoneTheShopperPaysOnAlipaysWapPageAndTheThanksPageConfirmsTheNotifiedPayment() {
        try (Chromium browser = Chromium.phone(360, 740)) {
            ChromeDriver driver = browser.driver;
            Screenshots shots = new Screenshots(driver, "demo-journey-phone");
            payOnTheCheckout(driver, shots, 1);
            waitForHeading(driver, "Confirm payment");
            shots.take("3-alipay-wap");
            assertNoSidewaysScrolling(driver);
            driver.findElement(By.partialLinkText("Open Alipay")).click();
            payInTheWallet(driver, shots);
            theThanksPageConfirmsIt(driver, shots, "HK$88.00");
        }
    }

    /** The shop, Pay on the item at {@code index}, and Alipay chosen on the checkout page. */
    private void payOnTheCheckout(ChromeDriver driver, Screenshots shots, int index) {
        driver.get(gw.url("/"));
        List<WebElement> items = driver.findElements(By.cssSelector(".demo-item"));
        assertThat(items).hasSize(3);
        assertNoSidewaysScrolling(driver);
        shots.take("1-shop");
        items.get(index).findElement(By.cssSelector("button.demo-pay")).click();
        waitForHeading(driver, "Checkout");
        assertThat(driver.getCurrentUrl()).startsWith(gw.url("/checkstand/?appcode=" + merchant.app_code() + "&"));
        assertNoSidewaysScrolling(driver);
        shots.take("2-checkstand");
        driver.findElement(By.cssSelector(".cs-langs a[lang='zh-HK']")).click();
        waitForHeading(driver, "收銀台");
        assertNoSidewaysScrolling(driver);
        shots.take("2-checkstand-zh-hk");
        driver.findElement(By.cssSelector(".cs-langs a[lang='en']")).click();
        waitForHeading(driver, "Checkout");
        driver.findElements(By.cssSelector("button.cs-wallet")).stream()
                .filter(b -> b.findElement(By.className("cs-wallet-name")).getText().equals("Alipay"))
                .findFirst().orElseThrow().click();
    }

    private void payInTheWallet(ChromeDriver driver, Screenshots shots) {
        waitForHeading(driver, "Log in to the sandbox wallet");
        shots.take("4-wallet-login");
        new Select(driver.findElement(By.id("buyer"))).selectByValue("buyer-rich");
        submit(driver, "Log in");
        waitForHeading(driver, "Confirm payment");
        shots.take("5-wallet-confirm");
        submit(driver, "Pay");
    }

    /**
     * Back at the store (the order may still be pending there: Alipay's return can overtake its
     * notification to the gateway): once reloaded, its thank-you page shows the order paid with the
     * amount and syssn that {@code /trade/v1/query} reports, and the notice received and verified.
     */
    private void theThanksPageConfirmsIt(ChromeDriver driver, Screenshots shots, String amount) {
        waiting(driver).until(ExpectedConditions.urlContains("/demo/thanks?out_trade_no=demo-"));
        shots.take("6-back-at-the-store");
        String thanks = driver.getCurrentUrl();
        String orderNo = thanks.replaceAll(".*out_trade_no=(demo-[0-9a-f-]+).*", "$1");
        await("the notification on " + thanks).atMost(PATIENCE).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> {
                    driver.navigate().refresh();
                    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you for your order");
                    assertThat(driver.findElement(By.id("d-notified")).getText()).isEqualTo("Received and verified");
                });
        assertNoSidewaysScrolling(driver);
        shots.take("7-thanks-notified");
        Map<String, Object> order = queried(orderNo);
        assertThat(order).containsEntry("respcd", "0000").containsEntry("out_trade_no", orderNo);
        assertThat(driver.findElement(By.cssSelector(".demo-state")).getText()).isEqualTo("Paid");
        assertThat(driver.findElement(By.id("d-out_trade_no")).getText()).isEqualTo(orderNo);
        assertThat(driver.findElement(By.id("d-amount")).getText()).isEqualTo(amount);
        assertThat(driver.findElement(By.id("d-syssn")).getText()).isEqualTo(order.get("syssn"));
    }

    /** The order as the merchant's server reads it from {@code /trade/v1/query}. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> queried(String orderNo) {
        TestGateway.Answer answer = gw.post("/trade/v1/query", Map.of("out_trade_no", orderNo),
                merchant.app_code(), merchant.client_key());
        assertThat(answer.field("respcd")).isEqualTo("0000");
        List<Map<String, Object>> data = (List<Map<String, Object>>) answer.json().get("data");
        assertThat(data).hasSize(1);
        return data.getFirst();
    }

    private static void submit(ChromeDriver driver, String label) {
        driver.findElements(By.cssSelector("button[type=submit]")).stream()
                .filter(b -> b.getText().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "' on " + driver.getCurrentUrl()))
                .click();
    }

    private static WebDriverWait waiting(ChromeDriver driver) {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50));
    }

    private static void waitForHeading(ChromeDriver driver, String text) {
        waiting(driver).withMessage(() -> "heading '" + text + "' on " + driver.getCurrentUrl())
                .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    private static void assertNoSidewaysScrolling(ChromeDriver driver) {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px on " + driver.getCurrentUrl())
                .isLessThanOrEqualTo(0);
    }
}
