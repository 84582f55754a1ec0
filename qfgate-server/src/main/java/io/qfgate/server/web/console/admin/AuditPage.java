package io.qfgate.server.web.console.admin;

import io.javalin.http.Context;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.web.console.ConsolePages;
import io.qfgate.server.web.console.ConsoleWeb;
import io.qfgate.server.web.console.admin.AdminViews.Notice;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code /admin/audit}: the audit log, newest first, 50 rows a page, filtered by who, what and
 * which days. Pages continue from the last row's id, so rows added meanwhile never shift them.
 */
final class AuditPage {
    static final int PAGE = 50;

    private final AdminBackend backend;

    AuditPage(AdminBackend backend) {
        this.backend = backend;
    }

    void show(Context ctx, ConsoleWeb web) {
        ConsolePages.Frame frame = web.frame(ctx);
        String actor = param(ctx, "actor", 64);
        String action = param(ctx, "action", 32);
        String from = param(ctx, "from", 10);
        String to = param(ctx, "to", 10);
        String before = param(ctx, "before", 19);
        AuditAction wanted = Arrays.stream(AuditAction.values()).filter(a -> a.dbName().equals(action)).findFirst()
                .orElse(null);
        LocalDate fromDay;
        LocalDate toDay;
        try {
            fromDay = from.isEmpty() ? null : LocalDate.parse(from);
            toDay = to.isEmpty() ? null : LocalDate.parse(to);
        } catch (DateTimeParseException e) {
            send(ctx, frame, actor, action, from, to, List.of(), null,
                    Notice.problem(AdminPages.texts(frame).get("audit.badDate")), 422);
            return;
        }
        List<AdminBackend.AuditRow> rows = backend.audit(new AdminBackend.AuditQuery(
                actor.isEmpty() ? null : actor.toLowerCase(Locale.ROOT), wanted,
                fromDay == null ? null : fromDay.atStartOfDay(), toDay == null ? null : toDay.plusDays(1).atStartOfDay(),
                before.matches("\\d{1,18}") ? Long.valueOf(before) : null, PAGE + 1));
        String older = rows.size() > PAGE ? AdminPages.AUDIT + "?actor=" + enc(actor) + "&action=" + enc(action)
                + "&from=" + enc(from) + "&to=" + enc(to) + "&before=" + rows.get(PAGE - 1).id() : null;
        List<AdminViews.AuditLine> lines = rows.stream().limit(PAGE).map(r -> line(r.entry())).toList();
        send(ctx, frame, actor, action, from, to, lines, older, null, 200);
    }

    private static void send(Context ctx, ConsolePages.Frame frame, String actor, String action, String from,
            String to, List<AdminViews.AuditLine> lines, String older, Notice notice, int status) {
        List<String> actions = Arrays.stream(AuditAction.values()).map(AuditAction::dbName).toList();
        AdminPages.send(ctx, status, "admin/audit", new AdminViews.Audit(frame, AdminPages.texts(frame), notice, actor,
                action, from, to, actions, lines, older));
    }

    private static AdminViews.AuditLine line(AuditEntry e) {
        return new AdminViews.AuditLine(AdminPages.time(e.at()), e.username(), "console." + e.kind().dbName(),
                "action." + e.action().dbName(), e.detail() == null ? "" : e.detail(), e.ip() == null ? "" : e.ip());
    }

    private static String param(Context ctx, String name, int max) {
        String value = ctx.queryParam(name);
        String trimmed = value == null ? "" : value.strip();
        return trimmed.length() > max ? trimmed.substring(0, max) : trimmed;
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
