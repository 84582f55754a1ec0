package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WindowType;

/**
 * The pages in Simplified and Traditional Chinese ({@code lang} added to the signed pay_url, as
 * the QFPay checkout allows), and a currency without minor units.
 */
class CashierLanguagesBrowserTest extends BrowserJourney {

    @Test
    void simplifiedChineseCashierAndWallet() {
        Screenshots shots = new Screenshots(driver, "7-lang-zh-cn");
        String orderNo = unique("zhcn");
        Map<String, Object> created = create(order(orderNo, "801101", 300, "HKD"));

        driver.get(created.get("pay_url") + "&lang=zh-cn");
        waitForHeading("扫码支付");
        shots.take("cashier");
        assertThat(htmlLang()).isEqualTo("zh-CN");
        assertThat(driver.getTitle()).contains("支付宝沙箱");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details())
                .containsEntry("商户", MERCHANT_NAME)
                .containsEntry("人民币支付金额", "CNY 2.75")
                .containsEntry("订单号", (String) created.get("syssn"));
        assertThat(bodyText()).contains("在此浏览器中打开钱包", "等待付款…");

        // The QR carries the language to the phone.
        String walletUrl = QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")));
        assertThat(walletUrl).endsWith("?lang=zh-cn");
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("登录沙箱钱包");
        shots.take("wallet-login");
        assertThat(htmlLang()).isEqualTo("zh-CN");
        logIn(IDLE, "登录", "确认付款");
        shots.take("wallet-confirm");
        assertThat(htmlLang()).isEqualTo("zh-CN");
        assertThat(button("付款").isDisplayed()).isTrue();
        assertThat(button("取消").isDisplayed()).isTrue();
        assertThat(details()).containsEntry("账户", IDLE).containsEntry("余额", "CNY 10,000.00");
    }

    @Test
    void traditionalChineseCashierAndSwitchingBackToEnglish() {
        Screenshots shots = new Screenshots(driver, "7-lang-zh-hk");
        String orderNo = unique("zhhk");
        Map<String, Object> created = create(order(orderNo, "801101", 300, "HKD"));

        driver.get(created.get("pay_url") + "&lang=zh-hk");
        waitForHeading("掃碼支付");
        shots.take("cashier");
        assertThat(htmlLang()).isEqualTo("zh-HK");
        assertThat(driver.getTitle()).contains("支付寶沙盒");
        assertThat(details())
                .containsEntry("商戶", MERCHANT_NAME)
                .containsEntry("人民幣支付金額", "CNY 2.75")
                .containsEntry("匯率", "1 HKD = 0.9150 CNY");
        assertThat(QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")))).endsWith("?lang=zh-hk");

        // The language switcher repeats the signed request with another lang: still accepted.
        driver.findElement(By.linkText("English")).click();
        waitForHeading("Scan to pay");
        shots.take("cashier-switched-to-english");
        assertThat(htmlLang()).isEqualTo("en");
        assertThat(amount()).isEqualTo("HKD 3.00");
        assertThat(details()).containsEntry("Order number", (String) created.get("syssn"));
    }

    @Test
    void yenHasNoDecimalsOnAnyPageAndPaysThrough() {
        Screenshots shots = new Screenshots(driver, "7-jpy");
        long richBefore = balance(RICH);
        String orderNo = unique("jpy");
        Map<String, String> params = order(orderNo, "801101", 500, "JPY");
        params.put("return_url", shop.thanksUrl(orderNo));
        Map<String, Object> created = create(params);
        String syssn = (String) created.get("syssn");
        assertThat((String) created.get("pay_url")).contains("total_fee=500&").doesNotContain("total_fee=500.");

        driver.get(created.get("pay_url") + "&lang=zh-hk");
        waitForHeading("掃碼支付");
        shots.take("cashier");
        assertThat(amount()).isEqualTo("JPY 500");
        assertThat(details())
                .containsEntry("人民幣支付金額", "CNY 24.00") // 500 yen at 0.048000
                .containsEntry("匯率", "1 JPY = 0.048000 CNY");
        assertThat(bodyText()).doesNotContain("500.00", "500.0");

        String walletUrl = QrCodes.fromImageSource(driver.findElement(By.cssSelector("img.qr")));
        driver.switchTo().newWindow(WindowType.TAB);
        driver.get(walletUrl);
        waitForHeading("登入沙盒錢包");
        logIn(RICH, "登入", "確認付款");
        shots.take("wallet-confirm");
        assertThat(amount()).isEqualTo("JPY 500");
        assertThat(bodyText()).doesNotContain("500.00");

        button("付款").click();
        String back = waitForMerchantPage();
        shots.take("merchant-thanks");
        assertSignedReturn(back, orderNo, syssn, "500", "JPY");
        assertPaidBy(awaitPaid(syssn), RICH_ID, MerchantShop.query(back).get("trade_no"));
        assertThat(richBefore - balance(RICH)).isEqualTo(2400L);
    }
}
