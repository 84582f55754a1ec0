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
    NOTICE_RESENT,
    /** A portal user's role or refund limit changed by an owner. */
    USER_CHANGED,
    USER_DISABLED,
    USER_ENABLED,
    /** An app's client key replaced in the portal (the row never holds the key). */
    KEY_ROTATED,
    /** A test notification sent to the merchant's notification URL from the portal. */
    TEST_NOTICE,
    /** An operator's changes in the operators' console. */
    MERCHANT_CREATED, MERCHANT_CHANGED, APP_ENABLED, APP_DISABLED, ALIPAY_SET, ALIPAY_RESET, NOTICES_RESENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditAction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
