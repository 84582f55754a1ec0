package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.domain.Transaction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Alipay online WEB for Hong Kong merchants (801514): AlipayHK has no cashier page, so the
 * merchant's own checkout embeds pay_url, a bare QR, in an iframe.
 */
class HkIframeCheckoutBrowserTest extends BrowserJourney {

    @Test
    void theMerchantsCheckoutEmbedsTheQrAndPayingThroughItIsRecorded() {
        Screenshots shots = new Screenshots(driver, "3-hk-iframe");
        long richBefore = balance(RICH);
        String orderNo = unique("hk");
        Map<String, String> params = order(orderNo, "801514", 300, "HKD");
        params.put("return_url", shop.thanksUrl(orderNo));
        Map<String, Object> created = create(params);
        String syssn = (String) created.get("syssn");
        String payUrl = (String) created.get("pay_url");
        assertThat(payUrl).contains("qr_pay_mode=4").contains("payment_inst=ALIPAYHK");

        driver.get(shop.checkoutWithIframe(orderNo, payUrl));
        String checkoutTab = driver.getWindowHandle();
        waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("alipay")));
        WebElement qr = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("img")));
        waiting().until(d -> !"0".equals(qr.getDomProperty("naturalWidth")));
        // The bare QR: no page chrome, just the code at the asked width and the amount.
        assertThat(driver.findElements(By.cssSelector("header, h1, footer"))).isEmpty();
        assertThat(qr.getDomAttribute("width")).isEqualTo("200");
        assertThat(driver.findElement(By.tagName("body")).getText()).contains("HKD 3.00");
        String walletUrl = QrCodes.fromImageSource(qr);
        assertThat(QrCodes.fromScreenshot(qr)).isEqualTo(walletUrl);
        assertThat(walletUrl).startsWith(gw.url("/alipay-sandbox/wallet/"));
        driver.switchTo().defaultContent();
        shots.take("merchant-checkout-with-qr");
        assertThat(heading()).isEqualTo("Kowloon Books — checkout");

        // The phone scans it.
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("Log in to the sandbox wallet");
        shots.take("wallet-login");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details()).containsEntry("Merchant", MERCHANT_NAME);
        logIn(RICH);
        shots.take("wallet-confirm");
        button("Pay").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks");
        assertSignedReturn(back, orderNo, syssn, "3.00", "HKD");

        Transaction paid = awaitPaid(syssn);
        assertPaidBy(paid, RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertThat(richBefore - balance(RICH)).isEqualTo(275L);

        // The iframe follows the trade and says it is paid, inside the merchant's page.
        driver.switchTo().window(checkoutTab);
        driver.switchTo().frame("alipay");
        waiting().until(ExpectedConditions.textToBe(By.cssSelector(".paid"), "Payment successful"));
        assertThat(driver.findElements(By.tagName("img"))).isEmpty();
        driver.switchTo().defaultContent();
        assertThat(driver.getCurrentUrl()).startsWith(shop.baseUrl() + "/checkout/");
        shots.take("merchant-checkout-paid");
    }
}
