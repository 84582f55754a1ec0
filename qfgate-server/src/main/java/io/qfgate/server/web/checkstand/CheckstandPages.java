package io.qfgate.server.web.checkstand;

import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Texts;
import java.util.List;
import java.util.Map;

/** What the checkout's templates show (in {@code src/main/jte/checkstand/}). */
public final class CheckstandPages {
    private CheckstandPages() {}

    /** The page that moves the link's parameters from the URL fragment to the query string. */
    public record Opening(Texts t) {}

    /**
     * The order and the shopper's next step: the wallets to choose from ({@code pay} null), or
     * the chosen wallet's QR or link while the page follows the order ({@code pay} set).
     */
    public record Order(
            Texts t,
            String merchantName,
            String amount,
            String goodsName,
            String outTradeNo,
            String cancelUrl,
            List<WalletChoice> wallets,
            Map<String, String> hidden,
            Pay pay,
            String statusUrl,
            long expiresInMillis,
            String failedUrl,
            List<LangLink> langs) {}

    /** A wallet the shopper may choose: its form value, its name and a line about it. */
    public record WalletChoice(String code, String name, String hint) {}

    /** The chosen wallet's step: its QR in a frame ({@code embedQr}), or a link to its own page. */
    public record Pay(String walletName, String payUrl, boolean embedQr) {}

    /** The same page in another language. */
    public record LangLink(Lang lang, String href, boolean current) {}

    /** Why the link cannot be paid, in the shopper's language, and an English detail for the merchant. */
    public record Problem(Texts t, String message, String detail) {}

    /** The part of the order page that follows the order's state (htmx polls it). */
    public record Status(Texts t, String statusUrl) {}
}
