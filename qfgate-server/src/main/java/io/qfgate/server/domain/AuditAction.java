package io.qfgate.server.domain;

import java.util.Locale;

/** What an audit log row records. */
public enum AuditAction {
    SIGN_IN, SIGN_OUT, SIGN_IN_FAILED, LOCKED_OUT, ACCOUNT_CREATED,
    /** A portal user refunded (part of) a payment. */
    REFUND,
    /** A portal user closed an unpaid order. */
    ORDER_CLOSED,
    /** A portal user set a transaction's note. */
    NOTE_SET,
    /** A portal user queued a failed notification again. */
    NOTICE_RESENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditAction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
