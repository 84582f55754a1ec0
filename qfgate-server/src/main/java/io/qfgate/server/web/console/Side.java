package io.qfgate.server.web.console;

import io.qfgate.server.domain.ConsoleKind;

/**
 * One console as the browser sees it: its path, and the cookies scoped to that path. The session
 * cookies have different names and paths, and a session is of one console only, so a portal
 * session never opens the operators' console, nor the other way round.
 */
enum Side {
    PORTAL(ConsoleKind.PORTAL, "/portal", "qfgate_portal"),
    OPERATOR(ConsoleKind.OPERATOR, "/admin", "qfgate_admin");

    final ConsoleKind kind;
    /** The path every page of this console is under. */
    final String base;
    /** The session cookie's name. */
    final String cookie;

    Side(ConsoleKind kind, String base, String cookie) {
        this.kind = kind;
        this.base = base;
        this.cookie = cookie;
    }

    String login() {
        return base + "/login";
    }

    String home() {
        return base + "/";
    }

    /** The cookie that ties the sign-in form to the browser that loaded it (the form has no session yet). */
    String loginCookie() {
        return cookie + "_login";
    }

    /** The text key of this console's name. */
    String titleKey() {
        return this == PORTAL ? "portal.title" : "admin.title";
    }
}
