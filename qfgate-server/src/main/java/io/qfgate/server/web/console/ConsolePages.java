package io.qfgate.server.web.console;

import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Texts;
import java.util.List;

/** What the console templates show: one record per page. */
public final class ConsolePages {
    private ConsolePages() {}

    /**
     * What every console page has: its language and texts, the console's path, the page's own
     * address (for the language links) and, once signed in, the user's name and CSRF token.
     */
    public record Frame(Lang lang, Texts t, String base, String titleKey, String path, String username, String csrf,
            List<NavItem> nav) {
        public String title() {
            return t.get(titleKey);
        }

        public boolean signedIn() {
            return username != null;
        }

        /** This page in another language. */
        public String in(Lang other) {
            return path + "?lang=" + other.code();
        }

        /** Whether a menu item is the page being shown (or, for a section, one of its pages). */
        public boolean current(NavItem item) {
            return item.path().equals(base + "/") ? path.equals(base + "/") || path.equals(base)
                    : path.equals(item.path()) || path.startsWith(item.path() + "/");
        }

        /** The CSRF token as htmx sends it on every request of the page. */
        public String htmxHeaders() {
            return "{\"X-CSRF-Token\":\"" + csrf + "\"}";
        }
    }

    /** An entry of a console's menu: where it goes and the text key of its label. */
    public record NavItem(String path, String key) {}

    /** The sign-in form; {@code error} is a text key, or null. */
    public record Login(Frame frame, String csrf, String username, String error) {}

    /** A transaction as the portal lists it. */
    public record TransactionRow(String syssn, String time, String typeKey, String amount, String currency,
            String statusKey, String respcd, String outTradeNo) {}

    public record PortalHome(Frame frame, String roleKey, String refundLimit, String appName, List<String> merchants,
            List<TransactionRow> transactions) {}

    /** A merchant as the operators' console lists it, with its app. */
    public record MerchantRow(String appCode, String kindKey, String appName, String merchant, String mchid,
            boolean enabled) {}

    public record AdminHome(Frame frame, List<MerchantRow> merchants) {}

    /** A refused request: {@code messageKey} says why. */
    public record Refused(Frame frame, String messageKey) {}
}
