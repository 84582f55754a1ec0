package io.qfgate.server.domain;

import java.util.Locale;

/**
 * What a transaction is. Its {@link #dbName()} is what the {@code transactions.order_type} column
 * holds (its CHECK allows exactly these) and what QFPay's {@code order_type} and
 * {@code notify_type} fields carry.
 */
public enum OrderType {
    PAYMENT,
    REFUND;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static OrderType fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
