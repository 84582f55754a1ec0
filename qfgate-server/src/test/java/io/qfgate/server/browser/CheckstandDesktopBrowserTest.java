package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.SignType;
import io.qfgate.server.web.checkstand.CheckoutLinks;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The hosted checkout on a desktop: the merchant's signed link, a wallet, its QR, and back to the store. */
class CheckstandDesktopBrowserTest extends CheckstandJourney {

    @Test
    void payingWithAlipayAtItsCashierBringsTheShopperToTheReturnUrlAndNotifiesTheMerchant() {
        Screenshots shots = new Screenshots(driver, "checkstand-desktop-alipay");
        String no = unique("cs-web");
        openCheckout(link(order(no)));
        shots.take("wallets");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details()).containsEntry("Item", "Kowloon Books order").containsEntry("Order number", no);
        assertThat(driver.findElement(By.cssSelector(".cs-payto")).getText()).isEqualTo("Pay " + MERCHANT_NAME);
        assertThat(walletNames()).containsExactly("Alipay", "AlipayHK");
        assertThat(ordersUnder(no)).as("no order before a wallet is chosen").isZero();

        choose("Alipay");
        WebElement qr = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("img.qr")));
        assertThat(driver.getCurrentUrl()).startsWith(gw.url("/alipay-sandbox/"));
        shots.take("alipay-cashier");
        String walletUrl = QrCodes.fromImageSource(qr);
        String syssn = syssnOf(no);
        assertThat(stored(syssn).payType().code()).isEqualTo("801101");

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("Log in to the sandbox wallet");
        logIn(RICH);
        button("Pay").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks");
        assertSignedReturn(back, no, syssn, "3.00", "HKD");
        assertPaidBy(awaitPaid(syssn), RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertMerchantNotified(no, "801101");
        assertThat(ordersUnder(no)).isEqualTo(1);
    }

    @Test
    void payingWithAlipayHkThroughTheQrOnThePageAndReloadingMakesNoSecondOrder() {
        Screenshots shots = new Screenshots(driver, "checkstand-desktop-alipayhk");
        String no = unique("cs-hk");
        openCheckout(link(order(no)));
        choose("AlipayHK");
        waitForHeading("Checkout");
        WebElement box = driver.findElement(By.cssSelector(".cs-qr"));
        Rectangle reserved = box.getRect();
        assertThat(reserved.getDimension()).as("the QR's box, reserved before it loads").isEqualTo(new Dimension(240, 250));
        assertThat(driver.findElement(By.tagName("h2")).getText()).isEqualTo("Scan with AlipayHK to pay");

        driver.navigate().refresh();
        waitForHeading("Checkout");
        assertThat(ordersUnder(no)).as("a reload shows the same order").isEqualTo(1);
        String checkoutTab = driver.getWindowHandle();
        waiting().until(ExpectedConditions.frameToBeAvailableAndSwitchToIt(By.id("cs-qr")));
        WebElement qr = waiting().until(ExpectedConditions.visibilityOfElementLocated(By.tagName("img")));
        waiting().until(d -> !"0".equals(qr.getDomProperty("naturalWidth")));
        String walletUrl = QrCodes.fromImageSource(qr);
        driver.switchTo().defaultContent();
        assertThat(driver.findElement(By.cssSelector(".cs-qr")).getRect()).as("nothing moved when the QR loaded")
                .isEqualTo(reserved);
        shots.take("alipayhk-qr");
        String syssn = syssnOf(no);
        assertThat(stored(syssn).payType().code()).isEqualTo("801514");

        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("Log in to the sandbox wallet");
        logIn(RICH);
        button("Pay").click();
        waitForMerchantPage();
        assertPaidBy(awaitPaid(syssn), RICH_ID, null);

        // The checkout page follows the order and takes the shopper back to the store.
        driver.switchTo().window(checkoutTab);
        String back = waitForMerchantPage();
        assertThat(back).isEqualTo(shop.thanksUrl(no));
        shots.take("merchant-thanks");
        assertMerchantNotified(no, "801514");
        assertThat(ordersUnder(no)).isEqualTo(1);
    }

    @Test
    void aLinkWithABadSignatureShowsWhyItCannotBePaid() {
        Screenshots shots = new Screenshots(driver, "checkstand-desktop-bad-link");
        String no = unique("cs-bad");
        driver.get(link(order(no)).replace("txamt=300", "txamt=30"));
        waitForHeading("This payment link cannot be used");
        shots.take("bad-signature");
        assertThat(bodyText()).contains("The link's signature is wrong");
        assertThat(driver.findElements(By.cssSelector("button.cs-wallet"))).isEmpty();
        driver.findElement(By.tagName("summary")).click();
        assertThat(driver.findElement(By.cssSelector(".cs-detail code")).getText()).startsWith("sign:");
        shots.take("bad-signature-details");
        assertThat(ordersUnder(no)).isZero();
    }

    @Test
    void whenTheCheckoutExpiresTheShopperIsSentToTheFailedUrl() {
        String no = unique("cs-expire");
        long expiresAt = gw.clock.millis() + 2_500;
        openCheckout(link(no, o -> o.put("checkout_expired_time", Long.toString(expiresAt))));
        new Screenshots(driver, "checkstand-desktop-expiry").take("before-expiry");
        waiting().until(ExpectedConditions.urlToBe(shop.baseUrl() + "/failed?order=" + no));
        assertThat(ordersUnder(no)).isZero();
    }

    @Test
    void theCheckoutWithoutALinkSaysSo() {
        driver.get(gw.url("/checkstand/#/?"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("cs-no-link")));
        new Screenshots(driver, "checkstand-desktop-no-link").take("no-link");
        assertThat(bodyText()).contains("This link has no payment details.").doesNotContain("Opening the checkout");
    }

    @Test
    void backToTheStoreGoesToTheCancelUrl() {
        openCheckout(link(order(unique("cs-cancel"))));
        driver.findElement(By.linkText("Back to the store")).click();
        waiting().until(ExpectedConditions.urlToBe(shop.baseUrl() + "/cart"));
    }

    @Test
    void thePageSpeaksEachLanguage() {
        Screenshots shots = new Screenshots(driver, "checkstand-desktop-languages");
        String no = unique("cs-lang");
        openCheckout(link(order(no)));
        assertThat(htmlLang()).isEqualTo("en");
        shots.take("en");
        driver.findElement(By.linkText("简体中文")).click();
        waitForHeading("收银台");
        assertThat(htmlLang()).isEqualTo("zh-CN");
        assertThat(walletNames()).containsExactly("支付宝", "支付宝香港");
        assertThat(bodyText()).contains("选择支付方式", "付款给 " + MERCHANT_NAME, "返回商店");
        shots.take("zh-cn");
        driver.findElement(By.linkText("繁體中文")).click();
        waitForHeading("收銀台");
        assertThat(htmlLang()).isEqualTo("zh-HK");
        assertThat(bodyText()).contains("選擇付款方式", "付款予 " + MERCHANT_NAME, "返回商店");
        shots.take("zh-hk");
        driver.get(link(order(no)).replace("txamt=300", "txamt=30") + "&lang=zh-hk");
        waitForHeading("此付款連結無法使用");
        shots.take("zh-hk-bad-signature");
    }

    /**
     * The docs' sample's own {@code paramStringify}, run as it is in the browser (its hash from
     * the browser's SHA-256, where the sample loads js-sha256), makes the link the tests make,
     * and the page takes it.
     */
    @Test
    void theDocsJavaScriptMakesTheSameLinkAndThePageTakesIt() {
        driver.get(gw.url("/checkstand/"));
        Map<String, String> obj = order(unique("cs-js"));
        Object made = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const obj = arguments[0], api_key = arguments[1], origin = arguments[2];
                function paramStringify(json,flag) {
                      let str = "";
                      let keysArr = Object.keys(json);
                      keysArr.sort().forEach(val => {
                        if (!json[val]) return;
                        str += `${val}=${flag ? encodeURIComponent(json[val]) : json[val]}&`;
                      });
                      return str.slice(0, -1);
                    }
                async function sha256(text) {
                  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
                  return Array.from(new Uint8Array(digest)).map(b => b.toString(16).padStart(2, '0')).join('');
                }
                let params = paramStringify(obj);
                sha256(`${params}${api_key}`).then(sign => done(`${origin}${paramStringify(obj,true)}&sign=${sign}`));
                """, obj, merchant.client_key(), gw.url("/checkstand/#/?"));
        assertThat(made).isEqualTo(CheckoutLinks.link(gw.url("/checkstand/#/?"), obj, merchant.client_key(), SignType.SHA256));
        openCheckout((String) made);
        assertThat(walletNames()).isEqualTo(List.of("Alipay", "AlipayHK"));
    }
}
