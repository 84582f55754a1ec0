package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.ops.DemoCredentials;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The sandbox's demo store in Chromium, at a desktop's and a phone's size: the shop's layout,
 * its language switcher, its other pages, and Pay taking the shopper to the hosted checkout
 * (only the URL is checked here: the checkout page itself is another journey's).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoStoreBrowserTest {
    TestGateway gw;
    DemoCredentials.Merchant merchant;
    String payUrl;

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
    void onADesktopTheItemsStandInOneRowAndPayOpensTheCheckout() {
        try (Chromium browser = Chromium.desktop(1280, 800)) {
            ChromeDriver driver = browser.driver;
            Screenshots shots = new Screenshots(driver, "demo-store-desktop");
            List<WebElement> items = openShop(driver, shots);
            assertThat(items.stream().map(i -> i.getRect().getY()).distinct()).as("one row").hasSize(1);
            String orderNo = otherPages(driver, shots);
            aPaidOrderIsConfirmed(driver, orderNo);
            shots.take("thanks-paid");
            driver.get(gw.url("/"));
            WebElement tea = driver.findElements(By.cssSelector(".demo-item")).get(1);
            tea.findElement(By.cssSelector("button.demo-pay")).click();
            landsOnTheCheckout(driver, "8800");
            shots.take("checkout");
        }
    }

    @Test
    void onAPhoneTheItemsStackAndPayWorksFromTheKeyboard() {
        try (Chromium browser = Chromium.phone(360, 740)) {
            ChromeDriver driver = browser.driver;
            Screenshots shots = new Screenshots(driver, "demo-store-phone");
            List<WebElement> items = openShop(driver, shots);
            assertThat(items.get(0).getRect().getY()).isLessThan(items.get(1).getRect().getY());
            assertThat(items.get(1).getRect().getY()).isLessThan(items.get(2).getRect().getY());
            driver.findElement(By.cssSelector("a[lang='zh-HK']")).click();
            assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-HK");
            assertThat(driver.findElement(By.cssSelector("h1")).getText()).isEqualTo("經 qfgate 收款的小商店");
            shots.take("shop-zh-hk");
            otherPages(driver, shots);
            driver.get(gw.url("/?lang=zh-hk"));
            WebElement tote = driver.findElements(By.cssSelector(".demo-item")).get(2);
            tote.findElement(By.cssSelector("button.demo-pay")).sendKeys(Keys.ENTER);
            String url = landsOnTheCheckout(driver, "6500");
            assertThat(url).endsWith("&lang=zh-hk");
        }
    }

    /** The shop: three items with pictures that loaded, nothing wider than the window. */
    private List<WebElement> openShop(ChromeDriver driver, Screenshots shots) {
        driver.get(gw.url("/"));
        List<WebElement> items = driver.findElements(By.cssSelector(".demo-item"));
        assertThat(items).hasSize(3);
        for (WebElement item : items) {
            WebElement picture = item.findElement(By.tagName("img"));
            assertThat(picture.getDomProperty("naturalWidth")).isNotEqualTo("0");
            assertThat(item.findElement(By.cssSelector("button.demo-pay")).isEnabled()).isTrue();
        }
        assertThat(driver.findElement(By.cssSelector(".demo-price")).getText()).endsWith("HK$128.00");
        assertNoSidewaysScrolling(driver);
        shots.take("shop");
        return items;
    }

    /**
     * The pages the shopper comes back to: an order waiting for payment, a failed payment, an
     * unknown order. Returns the order's number; its pay URL is kept for {@link #aPaidOrderIsConfirmed}.
     */
    private String otherPages(ChromeDriver driver, Screenshots shots) {
        String orderNo = "demo-20261127100000-" + String.format("%08x", System.nanoTime() & 0xffffffffL);
        Map<String, String> order = TestGateway.payment(orderNo);
        order.put("goods_name", "Jasmine tea");
        order.put("notify_url", gw.url("/demo/notify"));
        String lang = driver.findElement(By.tagName("html")).getDomAttribute("lang").toLowerCase();
        TestGateway.Answer created = gw.post("/trade/v1/payment", order, merchant.app_code(), merchant.client_key());
        assertThat(created.field("respcd")).isEqualTo("0000");
        payUrl = created.field("pay_url");
        driver.get(gw.url("/demo/thanks?out_trade_no=" + orderNo + "&lang=" + lang));
        assertThat(driver.findElement(By.id("d-out_trade_no")).getText()).isEqualTo(orderNo);
        assertNoSidewaysScrolling(driver);
        shots.take("thanks-pending");
        driver.get(gw.url("/demo/failed?out_trade_no=" + orderNo + "&lang=" + lang));
        assertNoSidewaysScrolling(driver);
        shots.take("failed");
        driver.get(gw.url("/demo/thanks?out_trade_no=demo-20261127100000-deadbeef&lang=" + lang));
        shots.take("unknown-order");
        return orderNo;
    }

    /** The buyer pays the order in the sandbox wallet; the thanks page then shows it paid and notified. */
    private void aPaidOrderIsConfirmed(ChromeDriver driver, String orderNo) {
        assertThat(Wallet.pay(Wallet.open(payUrl), "buyer-rich")).isEqualTo(303);
        String thanks = gw.url("/demo/thanks?out_trade_no=" + orderNo + "&lang=en");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            driver.get(thanks);
            assertThat(driver.findElement(By.id("d-notified")).getText()).isEqualTo("Received and verified");
        });
        assertThat(driver.findElement(By.cssSelector(".demo-state")).getText()).isEqualTo("Paid");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Thank you for your order");
    }

    private String landsOnTheCheckout(ChromeDriver driver, String txamt) {
        // The store sends the link with its parameters in the fragment; the page's script moves them to the query.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains("/checkstand/?"));
        String url = driver.getCurrentUrl();
        assertThat(url).startsWith(gw.url("/checkstand/?appcode=" + merchant.app_code() + "&"))
                .contains("&txamt=" + txamt + "&", "&sign=");
        return url;
    }

    private static void assertNoSidewaysScrolling(ChromeDriver driver) {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }
}
