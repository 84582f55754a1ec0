package io.qfgate.server.domain;

import java.util.Locale;

/** What an audit log row records. */
public enum AuditAction {
    SIGN_IN, SIGN_OUT, SIGN_IN_FAILED, LOCKED_OUT, ACCOUNT_CREATED;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static AuditAction fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
