package io.qfgate.server.web.console;

import io.qfgate.server.domain.ConsoleKind;

/**
 * One console as the browser sees it: its path, and the cookies scoped to that path. The session
 * cookies have different names and paths, and a session is of one console only, so a portal
 * session never opens the operators' console, nor the other way round.
 */
enum Side {
    PORTAL(ConsoleKind.PORTAL, ConsoleWeb.PORTAL, "qfgate_portal"),
    OPERATOR(ConsoleKind.OPERATOR, ConsoleWeb.ADMIN, "qfgate_admin");

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

    /** The console's menu: each page's path under {@link #base} and its text key. */
    java.util.List<ConsolePages.NavItem> nav() {
        return this == PORTAL
                ? java.util.List.of(item("/", "nav.home"), item("/transactions", "nav.transactions"),
                        item("/dashboard", "nav.dashboard"), item("/statements", "nav.statements"),
                        item("/developers", "nav.developers"), item("/staff", "nav.staff"))
                : java.util.List.of(item("/", "nav.home"), item("/merchants", "nav.merchants"),
                        item("/alipay", "nav.alipay"), item("/system", "nav.system"), item("/audit", "nav.audit"));
    }

    private ConsolePages.NavItem item(String path, String key) {
        return new ConsolePages.NavItem(path.equals("/") ? home() : base + path, key);
    }

    /** The text key of this console's name. */
    String titleKey() {
        return this == PORTAL ? "portal.title" : "admin.title";
    }
}
