package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Transaction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Alipay online WAP (801107) on a phone: the merchant's mobile site sends the shopper to
 * pay_url, the mobile page hands over to the wallet, the buyer pays and comes back.
 */
class WapCheckoutBrowserTest extends BrowserJourney {

    @Override
    Chromium newBrowser() {
        return Chromium.phone();
    }

    @Test
    void shopperOnAPhoneOpensTheWalletPaysAndComesBackToTheMerchant() {
        Screenshots shots = new Screenshots(driver, "2-wap-phone");
        long richBefore = balance(RICH);
        String orderNo = unique("wap");
        Map<String, String> params = order(orderNo, "801107", 300, "HKD");
        params.put("goods_name", "Milk tea");
        params.put("return_url", shop.thanksUrl(orderNo));
        Map<String, Object> created = create(params);
        String syssn = (String) created.get("syssn");
        assertThat((String) created.get("pay_url")).contains("service=create_forex_trade_wap");

        driver.get((String) created.get("pay_url"));
        waitForHeading("Confirm payment");
        shots.take("wap-page");
        // It is a phone: the iPhone's user agent, a 390 px wide viewport, and the page fits it.
        assertThat((String) driver.executeScript("return navigator.userAgent")).isEqualTo(Chromium.IPHONE_SAFARI);
        assertThat(((Number) driver.executeScript("return window.innerWidth")).intValue()).isEqualTo(390);
        assertNoSidewaysScrolling();
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details())
                .containsEntry("Merchant", MERCHANT_NAME)
                .containsEntry("Item", "Milk tea")
                .containsEntry("You pay in CNY", "CNY 2.75");
        assertThat(driver.findElements(By.cssSelector("img"))).as("no QR on a phone").isEmpty();

        WebElement open = driver.findElement(By.linkText("Open Alipay to pay"));
        assertThat(open.getDomProperty("href")).startsWith(gw.url("/alipay-sandbox/wallet/"));
        open.click();
        waitForHeading("Log in to the sandbox wallet");
        shots.take("wallet-login");
        assertNoSidewaysScrolling();
        assertThat(amount()).isEqualTo("HKD 3.00");

        logIn(RICH);
        shots.take("wallet-confirm");
        assertNoSidewaysScrolling();
        assertThat(details()).containsEntry("Merchant", MERCHANT_NAME).containsEntry("Account", RICH);

        button("Pay").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks");
        assertSignedReturn(back, orderNo, syssn, "3.00", "HKD");

        Transaction paid = awaitPaid(syssn);
        assertPaidBy(paid, RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertThat(richBefore - balance(RICH)).isEqualTo(275L);

        // Back in the browser's history, the mobile page now says the order is paid.
        driver.navigate().back();
        driver.navigate().refresh(); // whatever the back-forward cache kept, ask the wallet again
        waitForHeading("Payment successful");
        shots.take("wallet-paid");
        assertThat(richBefore - balance(RICH)).isEqualTo(275L);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
    }

    private void assertNoSidewaysScrolling() {
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("page width on a 390 px phone, " + driver.getCurrentUrl())
                .isLessThanOrEqualTo(390);
    }
}
