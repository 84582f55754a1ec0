package io.qfgate.sandbox.web;

import java.util.EnumMap;
import java.util.Map;

/**
 * Every sentence the pages show, in English, Simplified and Traditional Chinese. Placeholders
 * {@code {0}}, {@code {1}} are replaced literally (no MessageFormat quoting rules).
 */
public final class Texts {
    private static final Map<Lang, Map<String, String>> ALL = new EnumMap<>(Lang.class);

    static {
        ALL.put(Lang.EN, Map.ofEntries(
                Map.entry("brand", "Alipay Sandbox"),
                Map.entry("sandboxNote", "A simulated Alipay for testing. No real money moves."),
                Map.entry("language", "Language"),
                Map.entry("merchant", "Merchant"),
                Map.entry("subject", "Item"),
                Map.entry("orderNo", "Order number"),
                Map.entry("amount", "Amount"),
                Map.entry("cnyAmount", "You pay in CNY"),
                Map.entry("rate", "Exchange rate"),
                Map.entry("expires", "Pay before"),
                Map.entry("scanTitle", "Scan to pay"),
                Map.entry("scanHint", "Scan this QR code with your phone to open the sandbox wallet, or use the link below."),
                Map.entry("qrAlt", "QR code to pay this order"),
                Map.entry("openWalletHere", "Open the wallet in this browser"),
                Map.entry("waiting", "Waiting for payment…"),
                Map.entry("openWallet", "Open Alipay to pay"),
                Map.entry("wapHint", "The payment continues in the Alipay wallet."),
                Map.entry("loginTitle", "Log in to the sandbox wallet"),
                Map.entry("account", "Account"),
                Map.entry("loginHint", "Sandbox accounts need no password."),
                Map.entry("login", "Log in"),
                Map.entry("balance", "Balance"),
                Map.entry("confirmTitle", "Confirm payment"),
                Map.entry("pay", "Pay"),
                Map.entry("cancel", "Cancel"),
                Map.entry("switchAccount", "Use another account"),
                Map.entry("insufficient", "Insufficient balance: this account has {0}, the order needs {1}."),
                Map.entry("paidTitle", "Payment successful"),
                Map.entry("paidText", "The order has been paid."),
                Map.entry("paidByOther", "This order has already been paid by another account."),
                Map.entry("backToMerchant", "Return to the merchant"),
                Map.entry("cancelledTitle", "Payment cancelled"),
                Map.entry("cancelledText", "Nothing was charged. The order can still be paid until it expires."),
                Map.entry("backToPayment", "Back to payment"),
                Map.entry("closedTitle", "Order closed"),
                Map.entry("closedText", "The merchant closed this order; it can no longer be paid."),
                Map.entry("expiredTitle", "Order expired"),
                Map.entry("expiredText", "This order was not paid in time and can no longer be paid."),
                Map.entry("errorTitle", "The request was refused"),
                Map.entry("errorCode", "Error code"),
                Map.entry("notFoundTitle", "Order not found"),
                Map.entry("notFoundText", "This wallet link does not belong to any order."),
                Map.entry("systemErrorTitle", "Something went wrong"),
                Map.entry("systemErrorText", "The sandbox could not handle this request. Reference: {0}"),
                Map.entry("homeTitle", "Sandbox home"),
                Map.entry("homeText", "Merchants call gateway.do; shoppers pay by scanning the cashier's QR code and logging in here as one of these buyers."),
                Map.entry("buyers", "Sandbox buyers")));
        ALL.put(Lang.ZH_CN, Map.ofEntries(
                Map.entry("brand", "支付宝沙箱"),
                Map.entry("sandboxNote", "模拟的支付宝，仅供测试，不涉及真实资金。"),
                Map.entry("language", "语言"),
                Map.entry("merchant", "商户"),
                Map.entry("subject", "商品"),
                Map.entry("orderNo", "订单号"),
                Map.entry("amount", "金额"),
                Map.entry("cnyAmount", "人民币支付金额"),
                Map.entry("rate", "汇率"),
                Map.entry("expires", "请在此时间前付款"),
                Map.entry("scanTitle", "扫码支付"),
                Map.entry("scanHint", "用手机扫描二维码打开沙箱钱包，或点击下方链接。"),
                Map.entry("qrAlt", "订单付款二维码"),
                Map.entry("openWalletHere", "在此浏览器中打开钱包"),
                Map.entry("waiting", "等待付款…"),
                Map.entry("openWallet", "打开支付宝付款"),
                Map.entry("wapHint", "将在支付宝钱包中继续付款。"),
                Map.entry("loginTitle", "登录沙箱钱包"),
                Map.entry("account", "账户"),
                Map.entry("loginHint", "沙箱账户无需密码。"),
                Map.entry("login", "登录"),
                Map.entry("balance", "余额"),
                Map.entry("confirmTitle", "确认付款"),
                Map.entry("pay", "付款"),
                Map.entry("cancel", "取消"),
                Map.entry("switchAccount", "切换账户"),
                Map.entry("insufficient", "余额不足：账户余额 {0}，订单需要 {1}。"),
                Map.entry("paidTitle", "支付成功"),
                Map.entry("paidText", "订单已支付。"),
                Map.entry("paidByOther", "该订单已由其他账户支付。"),
                Map.entry("backToMerchant", "返回商户"),
                Map.entry("cancelledTitle", "已取消付款"),
                Map.entry("cancelledText", "未扣款。订单在过期前仍可支付。"),
                Map.entry("backToPayment", "返回付款"),
                Map.entry("closedTitle", "订单已关闭"),
                Map.entry("closedText", "商户已关闭该订单，无法再付款。"),
                Map.entry("expiredTitle", "订单已过期"),
                Map.entry("expiredText", "该订单未在有效期内支付，无法再付款。"),
                Map.entry("errorTitle", "请求被拒绝"),
                Map.entry("errorCode", "错误代码"),
                Map.entry("notFoundTitle", "找不到订单"),
                Map.entry("notFoundText", "此钱包链接不对应任何订单。"),
                Map.entry("systemErrorTitle", "出错了"),
                Map.entry("systemErrorText", "沙箱无法处理此请求。参考编号：{0}"),
                Map.entry("homeTitle", "沙箱首页"),
                Map.entry("homeText", "商户调用 gateway.do；顾客扫描收银台二维码，并以下列买家身份登录付款。"),
                Map.entry("buyers", "沙箱买家")));
        ALL.put(Lang.ZH_HK, Map.ofEntries(
                Map.entry("brand", "支付寶沙盒"),
                Map.entry("sandboxNote", "模擬的支付寶，僅供測試，不涉及真實資金。"),
                Map.entry("language", "語言"),
                Map.entry("merchant", "商戶"),
                Map.entry("subject", "商品"),
                Map.entry("orderNo", "訂單號"),
                Map.entry("amount", "金額"),
                Map.entry("cnyAmount", "人民幣支付金額"),
                Map.entry("rate", "匯率"),
                Map.entry("expires", "請在此時間前付款"),
                Map.entry("scanTitle", "掃碼支付"),
                Map.entry("scanHint", "用手機掃描二維碼打開沙盒錢包，或點擊下方連結。"),
                Map.entry("qrAlt", "訂單付款二維碼"),
                Map.entry("openWalletHere", "在此瀏覽器中打開錢包"),
                Map.entry("waiting", "等待付款…"),
                Map.entry("openWallet", "打開支付寶付款"),
                Map.entry("wapHint", "將在支付寶錢包中繼續付款。"),
                Map.entry("loginTitle", "登入沙盒錢包"),
                Map.entry("account", "帳戶"),
                Map.entry("loginHint", "沙盒帳戶無需密碼。"),
                Map.entry("login", "登入"),
                Map.entry("balance", "餘額"),
                Map.entry("confirmTitle", "確認付款"),
                Map.entry("pay", "付款"),
                Map.entry("cancel", "取消"),
                Map.entry("switchAccount", "切換帳戶"),
                Map.entry("insufficient", "餘額不足：帳戶餘額 {0}，訂單需要 {1}。"),
                Map.entry("paidTitle", "支付成功"),
                Map.entry("paidText", "訂單已支付。"),
                Map.entry("paidByOther", "該訂單已由其他帳戶支付。"),
                Map.entry("backToMerchant", "返回商戶"),
                Map.entry("cancelledTitle", "已取消付款"),
                Map.entry("cancelledText", "未扣款。訂單在過期前仍可支付。"),
                Map.entry("backToPayment", "返回付款"),
                Map.entry("closedTitle", "訂單已關閉"),
                Map.entry("closedText", "商戶已關閉該訂單，無法再付款。"),
                Map.entry("expiredTitle", "訂單已過期"),
                Map.entry("expiredText", "該訂單未在有效期內支付，無法再付款。"),
                Map.entry("errorTitle", "請求被拒絕"),
                Map.entry("errorCode", "錯誤代碼"),
                Map.entry("notFoundTitle", "找不到訂單"),
                Map.entry("notFoundText", "此錢包連結不對應任何訂單。"),
                Map.entry("systemErrorTitle", "出錯了"),
                Map.entry("systemErrorText", "沙盒無法處理此請求。參考編號：{0}"),
                Map.entry("homeTitle", "沙盒首頁"),
                Map.entry("homeText", "商戶調用 gateway.do；顧客掃描收銀台二維碼，並以下列買家身份登入付款。"),
                Map.entry("buyers", "沙盒買家")));
        // Every language must say everything English says: a missing sentence is a build-time bug.
        for (Lang lang : Lang.values()) {
            if (!ALL.get(lang).keySet().equals(ALL.get(Lang.EN).keySet())) {
                throw new IllegalStateException("texts of " + lang + " differ from English in their keys");
            }
        }
    }

    private final Map<String, String> texts;

    private Texts(Lang lang) {
        this.texts = ALL.get(lang);
    }

    public static Texts of(Lang lang) {
        return new Texts(lang);
    }

    public String get(String key) {
        String text = texts.get(key);
        if (text == null) {
            throw new IllegalArgumentException("no text " + key);
        }
        return text;
    }

    public String format(String key, Object... args) {
        String text = get(key);
        for (int i = 0; i < args.length; i++) {
            text = text.replace("{" + i + "}", String.valueOf(args[i]));
        }
        return text;
    }
}
