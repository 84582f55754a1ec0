package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Respcd;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * An order nobody pays in time. Time passes on the gateway's injected clock, not on the wall:
 * the test moves it, then lets the sandbox and the gateway do their due work. This class has a
 * gateway of its own, so moving its clock touches no other journey's orders.
 */
class ExpiryBrowserTest extends BrowserJourney {

    @Test
    void anOrderLeftUnpaidExpiresEverywhereAndCanNoLongerBePaid() {
        Screenshots shots = new Screenshots(driver, "6-expiry");
        long idleBefore = balance(IDLE);
        String orderNo = unique("expiry");
        Map<String, String> params = order(orderNo, "801101", 300, "HKD");
        params.put("expired_time", "5");
        params.put("return_url", shop.thanksUrl(orderNo));
        Map<String, Object> created = create(params);
        String syssn = (String) created.get("syssn");
        String payUrl = (String) created.get("pay_url");
        assertThat(payUrl).contains("order_valid_time=300");

        driver.get(payUrl);
        waitForHeading("Scan to pay");
        shots.take("cashier");
        String cashierTab = driver.getWindowHandle();
        assertThat(details()).containsEntry("Pay before", "2026-11-27 10:05:00 (GMT+8)");
        String walletUrl = QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")));

        // The phone scans and logs in, then the shopper walks away from the confirmation.
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("Log in to the sandbox wallet");
        shots.take("wallet-login");
        logIn(IDLE);
        shots.take("wallet-confirm-left-open");

        // Six minutes later (on the injected clock), Alipay and the gateway do their rounds.
        gw.clock.advance(Duration.ofMinutes(6));
        gw.gateway.sandbox().tick();
        gw.gateway.payments().expireDue(100);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.ORDER_EXPIRED);
        assertThat(stored(syssn).respcd().code()).isEqualTo("1181");

        // The confirmation left open: pressing Pay now is refused with the expired page.
        button("Pay").click();
        waitForHeading("Order expired");
        shots.take("wallet-pay-after-expiry");
        assertThat(driver.findElement(By.cssSelector(".alert")).getText())
                .isEqualTo("This order was not paid in time and can no longer be paid.");
        assertThat(balance(IDLE)).isEqualTo(idleBefore);

        // Reloading the wallet shows the same, with nothing left to press.
        driver.get(walletUrl);
        waitForHeading("Order expired");
        shots.take("wallet-reloaded");
        assertThat(driver.findElements(By.cssSelector("form"))).isEmpty();
        assertThat(driver.findElements(By.cssSelector("button"))).isEmpty();

        // The desktop cashier notices the trade is over and stops offering its QR.
        driver.switchTo().window(cashierTab);
        // The page reloads itself: an element may vanish between finding and reading it.
        waiting().withMessage("the cashier to leave 'Scan to pay' once the trade closed")
                .ignoring(org.openqa.selenium.WebDriverException.class)
                .until(d -> heading().equals("Order expired"));
        shots.take("cashier-after-expiry");
        assertThat(driver.findElements(By.cssSelector("img.qr"))).isEmpty();
        assertThat(bodyText()).contains("Order expired").doesNotContain("TRADE_HAS_CLOSED");

        // Still nothing charged, nothing came back to the merchant, and the gateway keeps 1181.
        gw.gateway.sandbox().tick();
        gw.gateway.payments().expireDue(100);
        assertThat(balance(IDLE)).isEqualTo(idleBefore);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.ORDER_EXPIRED);
        assertThat(stored(syssn).receipt()).isNull();
        assertThat(shop.thanksVisits()).isEmpty();
    }
}
