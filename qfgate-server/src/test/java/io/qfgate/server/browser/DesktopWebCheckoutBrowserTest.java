package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Transaction;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/**
 * Alipay online WEB (801101) at a desktop: the merchant creates the payment, the shopper's
 * browser opens the cashier, the phone scans its QR code, the buyer logs in and pays (or cannot,
 * or cancels), and the gateway learns the outcome from Alipay's notification.
 */
class DesktopWebCheckoutBrowserTest extends BrowserJourney {

    @Test
    void shopperScansTheCashierQrPaysOnThePhoneAndComesBackToTheMerchant() {
        Screenshots shots = new Screenshots(driver, "1-desktop-web");
        long richBefore = balance(RICH);
        String orderNo = unique("web");
        Map<String, String> params = order(orderNo, "801101", 300, "HKD");
        params.put("goods_name", "Cup of coffee");
        params.put("return_url", shop.thanksUrl(orderNo));
        Map<String, Object> created = create(params);
        String syssn = (String) created.get("syssn");
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.NOT_PAID_YET);

        // The desktop: the merchant's site sends the shopper to pay_url, Alipay's cashier.
        openCashier(created, shots);
        String cashierTab = driver.getWindowHandle();
        String walletUrl = theCashierShowsTheOrderAndAQrOfTheWallet(syssn);

        String back = theBuyerPaysOnThePhone(walletUrl, shots);
        assertSignedReturn(back, orderNo, syssn, "3.00", "HKD");
        assertThat(driver.findElement(By.id("p-out_trade_no")).getText()).isEqualTo(syssn);
        assertThat(shop.thanksVisits()).anySatisfy(u -> assertThat(u.getQuery()).contains("out_trade_no=" + syssn));

        // The gateway learns of the payment from Alipay's asynchronous notification.
        Transaction paid = awaitPaid(syssn);
        assertPaidBy(paid, RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertThat(paid.receipt().cashFee()).isEqualTo(275L);
        assertThat(richBefore - balance(RICH)).as("buyer-rich debited once, in fen").isEqualTo(275L);

        // The desktop cashier follows the trade and brings the shopper back to the merchant too.
        driver.switchTo().window(cashierTab);
        String desktopBack = waitForMerchantPage();
        shots.take("merchant-thanks-desktop");
        assertSignedReturn(desktopBack, orderNo, syssn, "3.00", "HKD");

        scanningAgainShowsTheOrderPaidAndChargesNothingMore(walletUrl, orderNo, shots);
        assertThat(richBefore - balance(RICH)).isEqualTo(275L);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.SUCCESS);
    }

    /** The cashier page's details, and the wallet URL its QR holds, as a phone's camera reads it. */
    private String theCashierShowsTheOrderAndAQrOfTheWallet(String syssn) {
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details())
                .containsEntry("Merchant", MERCHANT_NAME)
                .containsEntry("Item", "Cup of coffee")
                .containsEntry("You pay in CNY", "CNY 2.75") // 3.00 HKD at 0.9150, half up to the fen
                .containsEntry("Exchange rate", "1 HKD = 0.9150 CNY")
                .containsEntry("Order number", syssn)
                .containsEntry("Pay before", "2026-11-27 10:30:00 (GMT+8)");
        // The QR as the page serves it, and as the browser draws it, read alike.
        WebElement qr = driver.findElement(By.cssSelector("img.qr"));
        assertThat(qr.getDomProperty("naturalWidth")).isNotEqualTo("0");
        String walletUrl = QrCodes.fromImageSource(qr);
        assertThat(QrCodes.fromScreenshot(qr)).isEqualTo(walletUrl);
        assertThat(walletUrl).startsWith(gw.url("/alipay-sandbox/wallet/")).endsWith("?lang=en");
        return walletUrl;
    }

    /** The phone opens the scanned URL, the buyer logs in and pays; returns the merchant page it lands on. */
    private String theBuyerPaysOnThePhone(String walletUrl, Screenshots shots) {
        openWalletTab(walletUrl, shots);
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details()).containsEntry("Merchant", MERCHANT_NAME).containsEntry("You pay in CNY", "CNY 2.75");

        logIn(RICH);
        shots.take("wallet-confirm");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details())
                .containsEntry("Merchant", MERCHANT_NAME)
                .containsEntry("Account", RICH)
                .containsEntry("Balance", "CNY 1,000,000.00");

        button("Pay").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks-phone");
        return back;
    }

    private void scanningAgainShowsTheOrderPaidAndChargesNothingMore(String walletUrl, String orderNo,
            Screenshots shots) {
        driver.get(walletUrl);
        waitForHeading("Payment successful");
        shots.take("wallet-already-paid");
        assertThat(driver.findElements(By.cssSelector("form[action$='/pay']"))).isEmpty();
        assertThat(driver.findElement(By.linkText("Return to the merchant")).getDomProperty("href"))
                .startsWith(shop.thanksUrl(orderNo) + "&");
    }

    @Test
    void aBuyerWithTooLittleBalanceIsToldSoAndTheOrderStaysUnpaid() {
        Screenshots shots = new Screenshots(driver, "4-insufficient-balance");
        long poorBefore = balance(POOR);
        String orderNo = unique("poor");
        Map<String, Object> created = createReturningToShop(orderNo, 300, "HKD");
        String syssn = (String) created.get("syssn");

        openCashier(created, shots);
        String walletUrl = QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")));

        openWalletTab(walletUrl, shots);
        logIn(POOR);
        assertThat(details()).containsEntry("Balance", "CNY 1.00");
        shots.take("wallet-confirm");

        button("Pay").click();
        WebElement alert = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".alert.error")));
        shots.take("wallet-insufficient");
        assertThat(alert.getText())
                .isEqualTo("Insufficient balance: this account has CNY 1.00, the order needs CNY 2.75.");
        assertThat(heading()).isEqualTo("Confirm payment");
        assertThat(driver.getCurrentUrl()).doesNotStartWith(shop.baseUrl());

        assertThat(balance(POOR)).isEqualTo(poorBefore);
        gw.gateway.sandbox().tick(); // whatever Alipay had to send, it has sent
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.NOT_PAID_YET);
        assertThat(stored(syssn).receipt()).isNull();
        assertThat(shop.thanksVisits()).noneSatisfy(u -> assertThat(u.getQuery()).contains("order=" + orderNo));
    }

    @Test
    void cancellingInTheWalletChargesNothingAndTheOrderCanStillBePaid() {
        Screenshots shots = new Screenshots(driver, "5-cancel");
        long richBefore = balance(RICH);
        String orderNo = unique("cancel");
        Map<String, Object> created = createReturningToShop(orderNo, 1250, "USD");
        String syssn = (String) created.get("syssn");

        openCashier(created, shots);
        assertThat(amount()).isEqualTo("USD 12.50");
        assertThat(details()).containsEntry("You pay in CNY", "CNY 89.75"); // 12.50 at 7.1800
        String walletUrl = QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")));

        openWalletTab(walletUrl, shots);
        logIn(RICH);
        shots.take("wallet-confirm");

        button("Cancel").click();
        waitForHeading("Payment cancelled");
        shots.take("wallet-cancelled");
        assertThat(driver.findElement(By.cssSelector(".alert")).getText())
                .isEqualTo("Nothing was charged. The order can still be paid until it expires.");
        assertThat(amount()).isEqualTo("USD 12.50");

        assertThat(balance(RICH)).isEqualTo(richBefore);
        gw.gateway.sandbox().tick();
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.NOT_PAID_YET);

        // "Back to payment" returns to the confirmation, still payable.
        driver.findElement(By.linkText("Back to payment")).click();
        waitForHeading("Confirm payment");
        shots.take("wallet-confirm-again");
        assertThat(details()).containsEntry("Account", RICH);
        assertThat(button("Pay").isEnabled()).isTrue();
        assertThat(balance(RICH)).isEqualTo(richBefore);
        assertThat(stored(syssn).respcd()).isEqualTo(Respcd.NOT_PAID_YET);
    }

    /** A web order whose return_url is the test shop's thank-you page. */
    Map<String, Object> createReturningToShop(String orderNo, long txamt, String currency) {
        Map<String, String> params = order(orderNo, "801101", txamt, currency);
        params.put("return_url", shop.thanksUrl(orderNo));
        return create(params);
    }

    /** The desktop browser follows pay_url to Alipay's cashier. */
    void openCashier(Map<String, Object> created, Screenshots shots) {
        driver.get((String) created.get("pay_url"));
        waitForHeading("Scan to pay");
        shots.take("cashier");
    }

    /** The phone opens the scanned wallet URL: the login page. */
    void openWalletTab(String walletUrl, Screenshots shots) {
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("Log in to the sandbox wallet");
        shots.take("wallet-login");
    }
}
