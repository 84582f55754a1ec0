package io.qfgate.server.web.console.admin;

import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import java.util.List;

/** What the operators' console's own templates show: one record per page. */
public final class AdminViews {
    private AdminViews() {}

    /** A message at the top of a page: {@code error} ones are announced as alerts. */
    public record Notice(boolean error, String text) {
        static Notice ok(String text) {
            return new Notice(false, text);
        }

        static Notice problem(String text) {
            return new Notice(true, text);
        }
    }

    /** A secret shown once, right after it was made (a client key, a generated password). */
    public record Secret(String label, String value) {}

    /** A pay type or currency as a checkbox. */
    public record Choice(String value, String label, boolean checked) {}

    public record MerchantLine(long id, String name, String mchid, String mcc, boolean enabled, String payTypes,
            String currencies, String notifyUrl, List<Choice> payTypeChoices, List<Choice> currencyChoices) {}

    public record AppLine(String appCode, String kindKey, String name, boolean enabled, int perSecond, int perMinute,
            String notifyUrl, List<MerchantLine> merchants) {}

    /** The merchants page: every app, and the forms that create one. */
    public record Merchants(Frame frame, Texts t, Notice notice, List<AppLine> apps,
            List<Choice> payTypes, List<Choice> currencies) {}

    /** One app: its settings, its merchants, its portal owner form, and for an agent the sub-merchant form. */
    public record AppDetail(Frame frame, Texts t, Notice notice, List<Secret> secrets, AppLine app,
            List<Choice> payTypes, List<Choice> currencies) {
        public boolean agent() {
            return app.kindKey().endsWith("agent");
        }
    }

    public record Alipay(Frame frame, Texts t, Notice notice, AdminBackend.AlipayView account) {}

    public record NodeLine(String nodeId, String host, String version, String started, String lastSeen, boolean self) {}

    public record FailedLine(long id, String syssn, String url, int attempts, String settled) {}

    public record System(Frame frame, Texts t, Notice notice, String version, String database, List<NodeLine> nodes,
            long pending, long failed, List<FailedLine> failedNotices, long appRateRefusals,
            long addressRateRefusals) {}

    public record AuditLine(String time, String username, String consoleKey, String actionKey, String detail,
            String ip) {}

    /** The audit log page: the filter as given, the rows, and the link to the next (older) page or null. */
    public record Audit(Frame frame, Texts t, Notice notice, String actor, String action, String from, String to,
            List<String> actions, List<AuditLine> rows, String older) {}
}
