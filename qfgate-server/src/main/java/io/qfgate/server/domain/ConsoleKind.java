package io.qfgate.server.domain;

import java.util.Locale;

/**
 * The two consoles people sign in to: the merchants' portal and the operators' console. Their
 * accounts, sessions and sign-in throttles are kept apart: a portal session never opens the
 * operators' console.
 */
public enum ConsoleKind {
    PORTAL, OPERATOR;

    public String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConsoleKind fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
