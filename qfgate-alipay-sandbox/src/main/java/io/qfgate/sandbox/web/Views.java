package io.qfgate.sandbox.web;

import java.util.List;

/** What each template shows: plain, already formatted strings, so templates hold no logic. */
public final class Views {
    private Views() {}

    public record LangLink(String label, String url, boolean current) {}

    /** The frame of every page: language, texts, title and the language switcher. */
    public record Chrome(Lang lang, Texts t, String title, List<LangLink> langLinks) {}

    public record Link(String label, String url) {}

    /** An order as the shopper sees it; amounts formatted with their currency's digits. */
    public record OrderSummary(String merchantName, String subject, String outTradeNo, String amount,
            String cnyAmount, String rate, String expires) {}

    public record CashierPage(Chrome chrome, OrderSummary order, String qrDataUri, String walletUrl,
            String statusUrl) {}

    /** The bare QR for an iframe ({@code qr_pay_mode=4}). */
    public record QrPage(Chrome chrome, OrderSummary order, String qrDataUri, int width, String statusUrl,
            boolean paid) {}

    public record WapPage(Chrome chrome, OrderSummary order, String walletUrl) {}

    public record LoginPage(Chrome chrome, OrderSummary order, String action, List<String> buyers) {}

    /** The wallet's confirmation; {@code problem} is null or why the last press did not pay. */
    public record ConfirmPage(Chrome chrome, OrderSummary order, String buyer, String balance, String problem,
            String payAction, String cancelAction, String switchUrl) {}

    /**
     * A result or an error: {@code tone} is {@code ok}, {@code warn} or {@code error};
     * {@code code} and {@code order} may be null.
     */
    public record MessagePage(Chrome chrome, String tone, String heading, String text, String code,
            OrderSummary order, List<Link> links) {}

    public record BuyerRow(String login, String userId, String balance) {}

    public record HomePage(Chrome chrome, List<BuyerRow> buyers, String gatewayUrl) {}
}
