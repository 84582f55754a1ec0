package io.qfgate.server.web.demo;

import io.qfgate.protocol.Currency;
import java.math.BigDecimal;
import java.util.Optional;

/** What the demo store sells: an id for its forms, a price in HKD cents, a drawing under {@code /assets}. */
public enum DemoItem {
    NOTEBOOK("notebook", 12_800),
    TEA("tea", 8_800),
    TOTE("tote", 6_500);

    public static final Currency CURRENCY = Currency.HKD;

    private final String id;
    private final long price;

    DemoItem(String id, long price) {
        this.id = id;
        this.price = price;
    }

    public String id() {
        return id;
    }

    /** In minor units of {@link #CURRENCY}. */
    public long price() {
        return price;
    }

    public String image() {
        return "/assets/demo-" + id + ".svg";
    }

    /** The item a form names, if the store sells it. */
    public static Optional<DemoItem> of(String id) {
        for (DemoItem item : values()) {
            if (item.id.equals(id)) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    /** HK$128.00: an amount in HKD cents as a shopper reads it, in every language of the store. */
    public static String money(long cents) {
        return "HK$" + BigDecimal.valueOf(cents, 2).toPlainString();
    }
}
