package io.qfgate.server.domain;

import java.util.Locale;

/** What an audit log row records. */
public enum AuditAction {
    SIGN_IN, SIGN_OUT, SIGN_IN_FAILED, LOCKED_OUT, ACCOUNT_CREATED,
    /** An operator's changes in the operators' console. */
    MERCHANT_CREATED, MERCHANT_CHANGED, APP_ENABLED, APP_DISABLED, ALIPAY_SET, ALIPAY_RESET, NOTICES_RESENT;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditAction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
