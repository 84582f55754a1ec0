package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/** The hosted checkout on a small phone (360 x 740, a phone's user agent): each wallet's WAP flow. */
class CheckstandPhoneBrowserTest extends CheckstandJourney {
    static final int WIDTH = 360;

    @Override
    Chromium newBrowser() {
        return Chromium.phone(WIDTH, 740);
    }

    @Test
    void payingWithAlipayOnAPhoneUsesItsWapPageAndEndsOnTheReturnUrl() {
        payOnThePhone("Alipay", "801107", "checkstand-phone-alipay");
    }

    @Test
    void payingWithAlipayHkOnAPhoneUsesItsWapPageAndEndsOnTheReturnUrl() {
        payOnThePhone("AlipayHK", "801512", "checkstand-phone-alipayhk");
    }

    private void payOnThePhone(String wallet, String payType, String journey) {
        Screenshots shots = new Screenshots(driver, journey);
        String no = unique("cs-phone");
        openCheckout(link(order(no)));
        shots.take("wallets");
        assertNoSidewaysScrolling(WIDTH);
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(walletNames()).containsExactly("Alipay", "AlipayHK");

        choose(wallet);
        waitForHeading("Confirm payment");
        shots.take("wap-page");
        String syssn = syssnOf(no);
        assertThat(stored(syssn).payType().code()).isEqualTo(payType);
        driver.findElement(By.partialLinkText("Open Alipay")).click();
        waitForHeading("Log in to the sandbox wallet");
        logIn(RICH);
        button("Pay").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks");
        assertSignedReturn(back, no, syssn, "3.00", "HKD");
        assertPaidBy(awaitPaid(syssn), RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertMerchantNotified(no, payType);

        // Back in the checkout: the paid order sends the shopper to the store again, and no second order is made.
        driver.get(link(order(no)));
        waitForMerchantPage();
        assertThat(ordersUnder(no)).isEqualTo(1);
    }
}
