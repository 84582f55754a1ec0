package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What the shopper's journeys share: a real gateway with its embedded Alipay sandbox (on H2, the
 * browser adds nothing database-specific), the merchant's web shop, one headless Chromium per
 * test class, and the steps a shopper takes on the sandbox's pages.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserJourney {
    /** Upper bound for anything asynchronous (a page after a click, the notification); never a pause. */
    static final Duration PATIENCE = Duration.ofSeconds(20);

    static final String RICH = "buyer-rich";
    static final String RICH_ID = "2088000000000001";
    static final String POOR = "buyer-poor";
    static final String IDLE = "buyer-idle";
    static final String MERCHANT_NAME = "Demo Merchant";

    private static final AtomicInteger ORDERS = new AtomicInteger();

    TestGateway gw;
    DemoCredentials.Merchant merchant;
    SqlTransactions transactions;
    MerchantShop shop;
    Chromium browser;
    ChromeDriver driver;

    /** A failed journey leaves a picture of the page it failed on, before the tabs are reset. */
    @RegisterExtension
    final AfterTestExecutionCallback pictureOnFailure = context -> {
        if (context.getExecutionException().isPresent() && driver != null) {
            try {
                new Screenshots(driver, "failed/" + context.getRequiredTestClass().getSimpleName() + "."
                        + context.getRequiredTestMethod().getName()).take("page");
            } catch (RuntimeException e) {
                context.getExecutionException().get().addSuppressed(e);
            }
        }
    };

    /** The browser this class's journeys use; a desktop one unless a class says otherwise. */
    Chromium newBrowser() {
        return Chromium.desktop();
    }

    @BeforeAll
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        merchant = gw.demo().merchant();
        transactions = new SqlTransactions(gw.gateway.database());
        shop = new MerchantShop();
        browser = newBrowser();
        driver = browser.driver;
    }

    @AfterAll
    void stop() {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (shop != null) {
                shop.close();
            }
            if (gw != null) {
                gw.close();
            }
        }
    }

    /** Each journey starts with one blank tab. */
    @AfterEach
    void closeExtraTabs() {
        List<String> handles = List.copyOf(driver.getWindowHandles());
        for (int i = 1; i < handles.size(); i++) {
            driver.switchTo().window(handles.get(i)).close();
        }
        driver.switchTo().window(handles.getFirst());
        driver.get("about:blank");
    }

    static String unique(String prefix) {
        return prefix + "-" + System.currentTimeMillis() + "-" + ORDERS.incrementAndGet();
    }

    /** A merchant's minimal order (docs/api.md, POST /trade/v1/payment), with this amount, currency and pay type. */
    static Map<String, String> order(String outTradeNo, String payType, long txamt, String currency) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment(outTradeNo));
        p.put("pay_type", payType);
        p.put("txamt", Long.toString(txamt));
        p.put("txcurrcd", currency);
        return p;
    }

    /** The merchant's server creates the payment; the answer must be {@code 0000} with a pay_url. */
    Map<String, Object> create(Map<String, String> params) {
        Answer answer = gw.post("/trade/v1/payment", params, merchant.app_code(), merchant.client_key());
        assertThat(answer.status()).as("HTTP status of /trade/v1/payment").isEqualTo(200);
        Map<String, Object> json = answer.json();
        assertThat(json).as("payment answer").containsEntry("respcd", "0000");
        assertThat((String) json.get("pay_url")).startsWith(gw.url("/alipay-sandbox/gateway.do?"));
        return json;
    }

    Transaction stored(String syssn) {
        return transactions.bySyssn(syssn).orElseThrow(() -> new AssertionError("no transaction " + syssn));
    }

    /** Waits for the asynchronous notification to be recorded, and returns the paid transaction. */
    Transaction awaitPaid(String syssn) {
        return await("transaction " + syssn + " recorded as paid").atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> stored(syssn), t -> t.respcd() == Respcd.SUCCESS);
    }

    long balance(String buyer) {
        return gw.gateway.sandbox().balanceFen(buyer);
    }

    WebDriverWait waiting() {
        return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50));
    }

    /** Waits until the page's {@code <h1>} says {@code text} (the page after a click has loaded). */
    void waitForHeading(String text) {
        waiting().withMessage(() -> "heading '" + text + "' on " + driver.getCurrentUrl() + " (it says '"
                        + headingOrNothing() + "')")
                .until(ExpectedConditions.textToBe(By.tagName("h1"), text));
    }

    String heading() {
        return driver.findElement(By.tagName("h1")).getText();
    }

    private String headingOrNothing() {
        List<WebElement> h1 = driver.findElements(By.tagName("h1"));
        return h1.isEmpty() ? "" : h1.getFirst().getText();
    }

    String htmlLang() {
        return driver.findElement(By.tagName("html")).getDomAttribute("lang");
    }

    /** The big amount of the order summary, e.g. {@code HKD 3.00}. */
    String amount() {
        return driver.findElement(By.cssSelector("main .amount")).getText();
    }

    /** The order summary's (and the account's) label → value pairs, as the shopper reads them. */
    Map<String, String> details() {
        Map<String, String> details = new LinkedHashMap<>();
        for (WebElement dl : driver.findElements(By.cssSelector("main dl"))) {
            List<WebElement> terms = dl.findElements(By.tagName("dt"));
            List<WebElement> values = dl.findElements(By.tagName("dd"));
            for (int i = 0; i < Math.min(terms.size(), values.size()); i++) {
                details.put(terms.get(i).getText(), values.get(i).getText());
            }
        }
        return details;
    }

    String bodyText() {
        return driver.findElement(By.tagName("body")).getText();
    }

    /** On the wallet's login page: choose the sandbox account and log in. */
    void logIn(String buyer, String loginLabel, String confirmHeading) {
        new Select(driver.findElement(By.id("buyer"))).selectByValue(buyer);
        button(loginLabel).click();
        waitForHeading(confirmHeading);
    }

    void logIn(String buyer) {
        logIn(buyer, "Log in", "Confirm payment");
    }

    /** A submit button by what it says. */
    WebElement button(String label) {
        return driver.findElements(By.cssSelector("button[type=submit]")).stream()
                .filter(b -> b.getText().equals(label))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no button '" + label + "' on " + driver.getCurrentUrl()));
    }

    /** Waits until the current tab shows a page of the merchant's shop, and returns its URL. */
    String waitForMerchantPage() {
        waiting().withMessage(() -> "the merchant's page, not " + driver.getCurrentUrl())
                .until(ExpectedConditions.urlMatches("^" + java.util.regex.Pattern.quote(shop.baseUrl() + MerchantShop.THANKS)));
        waiting().until(ExpectedConditions.textToBe(By.tagName("h1"), "Thank you for your order"));
        return driver.getCurrentUrl();
    }

    /**
     * The URL the shopper came back on carries Alipay's return parameters for this order, signed
     * with the partner key, and keeps the merchant's own {@code order} parameter.
     */
    void assertSignedReturn(String url, String outTradeNo, String syssn, String totalFee, String currency) {
        Map<String, String> params = MerchantShop.query(url);
        assertThat(params).as("return parameters on " + url)
                .containsEntry("order", outTradeNo)
                .containsEntry("out_trade_no", syssn)
                .containsEntry("trade_status", "TRADE_FINISHED")
                .containsEntry("total_fee", totalFee)
                .containsEntry("currency", currency)
                .containsEntry("sign_type", "MD5")
                .containsKeys("trade_no", "sign");
        assertThat(params.get("trade_no")).matches("\\d{28}");
        Map<String, String> signed = new LinkedHashMap<>(params);
        signed.remove("order"); // the merchant's own parameter is not Alipay's to sign
        String key = new SqlSandboxPartner(gw.gateway.database()).load().orElseThrow().md5Key();
        assertThat(MapiSignature.verifyMd5(signed, key, params.get("sign")))
                .as("Alipay's MD5 signature of the return parameters").isTrue();
    }

    /** The paid transaction carries Alipay's receipt: its trade number and the payer's buyer id. */
    static void assertPaidBy(Transaction paid, String buyerId, String tradeNo) {
        assertThat(paid.respcd().code()).isEqualTo("0000");
        assertThat(paid.receipt()).isNotNull();
        assertThat(paid.receipt().cardcd()).isEqualTo(buyerId);
        assertThat(paid.receipt().chnlsn()).isNotBlank();
        if (tradeNo != null) {
            assertThat(paid.receipt().chnlsn()).isEqualTo(tradeNo);
        }
    }
}
