package io.qfgate.server.domain;

import java.util.Locale;

/** What a portal user may do for their merchant(s). */
public enum PortalRole {
    /** Everything, including managing the merchant's other users and their refund limits. */
    OWNER,
    /** Views, and refunds up to the refund limit the owner set for them. */
    CASHIER,
    /** Reads only. */
    VIEWER;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PortalRole fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
