package io.qfgate.server.web.demo;

import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Texts;
import java.util.List;

/** What the demo store's templates ({@code jte/demo/}) show; each carries its language's texts. */
public final class DemoPages {
    public static final String STYLE = "/assets/demo.css";
    static final String BUNDLE = "demo";

    private DemoPages() {}

    /** The shop: its items and the form token; {@code open} is false when there is no demo merchant to sell as. */
    public record Shop(Lang lang, Texts t, List<Item> items, String token, boolean open) {}

    public record Item(String id, String name, String description, String price, String image) {}

    /**
     * The order as the gateway's query answered it: its {@code state}, that state in words
     * ({@code stateText}), and whether the payment's notification reached the store.
     */
    public record Thanks(Lang lang, Texts t, String outTradeNo, String item, String amount, String syssn, State state,
            String stateText, boolean notified) {}

    /** An order's state as the shopper is told it; each has its colour ({@code demo-state-<css>}). */
    public enum State {
        PAID, PENDING, UNPAID;

        public String css() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A page that only says something: a failed payment, an unknown order or item, an expired form. */
    public record Message(Lang lang, Texts t, String title, String message) {}

    /** The home page of a production gateway: its name and a link to its status, no store. */
    public record Home(Lang lang, Texts t) {}

    static Texts texts(Lang lang) {
        return Texts.of(BUNDLE, lang);
    }
}
