package io.qfgate.server.web.console.admin;

import io.javalin.http.Context;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages;
import io.qfgate.server.web.console.ConsoleWeb;
import io.qfgate.server.web.console.admin.AdminViews.Notice;
import java.util.Optional;

/**
 * {@code /admin/alipay} (the production Alipay account, its keys write-only) and
 * {@code /admin/system} (the nodes, the notification outbox, this node's rate-limit refusals).
 */
final class SystemPages {
    private final AdminBackend backend;

    SystemPages(AdminBackend backend) {
        this.backend = backend;
    }

    void alipay(Context ctx, ConsoleWeb web, Notice notice, int status) {
        ConsolePages.Frame frame = web.frame(ctx);
        Texts t = AdminPages.texts(frame);
        Notice shown = notice != null ? notice
                : "saved".equals(ctx.queryParam("done")) ? Notice.ok(t.get("alipay.saved"))
                : "reset".equals(ctx.queryParam("done")) ? Notice.ok(t.get("alipay.wasReset")) : null;
        AdminPages.send(ctx, status, "admin/alipay", new AdminViews.Alipay(frame, t, shown, backend.alipay()));
    }

    void setAlipay(Context ctx, ConsoleWeb web) {
        AdminBackend.AlipayForm form = new AdminBackend.AlipayForm(AdminPages.field(ctx, "partner"),
                AdminPages.field(ctx, "signType"), AdminPages.field(ctx, "gatewayUrl"), AdminPages.field(ctx, "md5Key"),
                AdminPages.field(ctx, "rsaPrivateKey"), AdminPages.field(ctx, "alipayPublicKey"));
        Optional<String> problem = backend.setAlipay(form);
        if (problem.isPresent()) {
            alipay(ctx, web, Notice.problem(problem.get()), 422);
            return;
        }
        AdminBackend.AlipayView saved = backend.alipay();
        // The partner, sign type and URL are not secret; of the keys only which ones were replaced.
        AdminPages.audit(backend, web, ctx, AuditAction.ALIPAY_SET, "partner " + saved.partner() + ", sign type "
                + saved.signType() + ", gateway URL " + saved.gatewayUrl() + keysReplaced(form));
        AdminPages.seeOther(ctx, AdminPages.ALIPAY + "?done=saved");
    }

    private static String keysReplaced(AdminBackend.AlipayForm form) {
        StringBuilder keys = new StringBuilder();
        if (!blank(form.md5Key())) {
            keys.append(", MD5 key replaced");
        }
        if (!blank(form.rsaPrivateKey())) {
            keys.append(", RSA private key replaced");
        }
        if (!blank(form.alipayPublicKey())) {
            keys.append(", Alipay public key replaced");
        }
        return keys.toString();
    }

    void resetAlipay(Context ctx, ConsoleWeb web) {
        if (backend.resetAlipay()) {
            AdminPages.audit(backend, web, ctx, AuditAction.ALIPAY_RESET, "back to sandbox mode");
        }
        AdminPages.seeOther(ctx, AdminPages.ALIPAY + "?done=reset");
    }

    void system(Context ctx, ConsoleWeb web, Notice notice, int status) {
        ConsolePages.Frame frame = web.frame(ctx);
        AdminBackend.SystemView s = backend.system();
        Notice shown = notice;
        String resent = ctx.queryParam("resent");
        if (shown == null && resent != null && resent.matches("\\d{1,9}")) {
            shown = Notice.ok(AdminPages.texts(frame).format("system.resent", Integer.parseInt(resent)));
        }
        AdminPages.send(ctx, status, "admin/system", new AdminViews.System(frame, AdminPages.texts(frame), shown,
                s.version(), s.database(),
                s.nodes().stream().map(n -> new AdminViews.NodeLine(n.nodeId(), n.host(), n.version(),
                        AdminPages.time(n.startedAt()), AdminPages.time(n.lastSeenAt()), n.self())).toList(),
                s.pending(), s.failed(),
                s.failedNotices().stream().map(n -> new AdminViews.FailedLine(n.id(), n.syssn(), n.url(), n.attempts(),
                        AdminPages.time(n.settledAt()))).toList(),
                s.appRateRefusals(), s.addressRateRefusals()));
    }

    /** Resends one failed notification ({@code id}) or all of them ({@code all}), as {@code ./qfgate notify resend}. */
    void resend(Context ctx, ConsoleWeb web) {
        String id = ctx.formParam("id");
        Long one = id != null && id.matches("\\d{1,18}") ? Long.valueOf(id) : null;
        if (one == null && !"all".equals(ctx.formParam("all"))) {
            system(ctx, web, Notice.problem("id: give a notification id, or resend all"), 422);
            return;
        }
        int queued = backend.resend(one);
        AdminPages.audit(backend, web, ctx, AuditAction.NOTICES_RESENT,
                (one == null ? "every failed notification" : "notification " + one) + ": " + queued + " queued");
        AdminPages.seeOther(ctx, AdminPages.SYSTEM + "?resent=" + queued);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
