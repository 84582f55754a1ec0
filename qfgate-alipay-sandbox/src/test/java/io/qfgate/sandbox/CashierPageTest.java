package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** create_forex_trade and create_forex_trade_wap: the pages a shopper's browser opens. */
class CashierPageTest extends SandboxFixture {

    @Test
    void cashierShowsTheOrderAndAQrCodeOfTheWalletUrl() {
        HttpResponse<String> page = getGateway(signed(order()));

        assertThat(page.body())
                .contains("<html lang=\"en\">", "Coffee Corner", "Cup of coffee", "HKD 3.00")
                // 3.00 × 0.9150 = 2.745, rounded half up
                .contains("CNY 2.75", "1 HKD = 0.9150 CNY", "(GMT+8)")
                .doesNotContain("<script src", "<link ");
        String walletUrl = decodeQr(page.body());
        assertThat(walletUrl).startsWith(base + PREFIX + "/wallet/").endsWith("?lang=en");
        assertThat(page.body()).contains("href=\"" + walletUrl.replace("&", "&amp;") + "\"");
        assertThat(get(walletUrl).statusCode()).isEqualTo(200);
    }

    @Test
    void yenHasNoDecimals() {
        String body = getGateway(signed(order("currency", "JPY", "total_fee", "500"))).body();

        // 500 × 0.048 = 24.00 CNY
        assertThat(body).contains("JPY 500<", "CNY 24.00").doesNotContain("JPY 500.");
    }

    @Test
    void languageComesFromTheLangParameterOutsideTheSignature() {
        Map<String, String> params = signed(order());
        params.put("lang", "zh-cn");
        String simplified = getGateway(params).body();
        params.put("lang", "zh-hk");
        String traditional = getGateway(params).body();

        assertThat(simplified).contains("<html lang=\"zh-CN\">", "扫码支付", "人民币支付金额");
        assertThat(decodeQr(simplified)).endsWith("?lang=zh-cn");
        assertThat(traditional).contains("<html lang=\"zh-HK\">", "掃碼支付", "人民幣支付金額");
    }

    @Test
    void sameOrderAgainShowsTheSameOrderAndOtherMoneyIsADuplicate() {
        Map<String, String> params = order();
        String first = walletUrlOf(params);

        assertThat(walletUrlOf(params)).isEqualTo(first);
        Map<String, String> otherAmount = order("out_trade_no", params.get("out_trade_no"), "total_fee", "4.00");
        HttpResponse<String> refused = getGateway(signed(otherAmount));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("DUPLICATE_OUT_TRADE_NO");
        Map<String, String> otherCurrency = order("out_trade_no", params.get("out_trade_no"), "currency", "USD");
        assertThat(getGateway(signed(otherCurrency)).body()).contains("DUPLICATE_OUT_TRADE_NO");
    }

    @Test
    void qrPayMode4IsABareQrForAnIframe() {
        HttpResponse<String> page = getGateway(signed(order("qr_pay_mode", "4", "qrcode_width", "150")));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("width=\"150\"", "HKD 3.00").doesNotContain("<header", "<footer");
        assertThat(decodeQr(page.body())).startsWith(base + PREFIX + "/wallet/");
    }

    @Test
    void wapPageHandsOverToTheWallet() {
        Map<String, String> params = order("service", "create_forex_trade_wap", "product_code", "NEW_WAP_OVERSEAS_SELLER");
        HttpResponse<String> page = getGateway(signed(params));

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Open Alipay to pay", "HKD 3.00", "CNY 2.75",
                "href=\"" + base + PREFIX + "/wallet/");
        assertThat(query(params.get("out_trade_no")).fields()).containsEntry("trade_status", "WAIT_BUYER_PAY");
    }

    @Test
    void seedStyleUrlWithPlusForSpaceIsUnderstood() {
        Map<String, String> params = signed(order("order_gmt_create", "2026-03-01 12:00:00"));
        String url = gateway() + "?" + form(params);

        assertThat(url).contains("order_gmt_create=2026-03-01+12%3A00%3A00");
        assertThat(get(url).statusCode()).isEqualTo(200);
    }

    @Test
    void homePageListsTheSeededBuyers() {
        HttpResponse<String> home = get(base + PREFIX + "?lang=zh-hk");

        assertThat(home.statusCode()).isEqualTo(200);
        assertThat(home.body()).contains("<html lang=\"zh-HK\">", "buyer-rich", "buyer-poor", "buyer-idle",
                "CNY 1,000,000.00", gateway());
    }
}
