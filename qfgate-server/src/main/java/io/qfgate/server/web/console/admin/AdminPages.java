package io.qfgate.server.web.console.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages;
import io.qfgate.server.web.console.ConsoleWeb;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The operators' console's pages: merchants ({@link MerchantPages}), the Alipay account, the
 * system ({@link SystemPages}) and the audit log ({@link AuditPage}). The console's guard has
 * already checked the operator's session, and on a POST its CSRF token; every change is written
 * to the audit log with the operator and their address, never with a key.
 */
public final class AdminPages implements ConsoleWeb.Section {
    static final String BUNDLE = "admin";
    static final String MERCHANTS = ConsoleWeb.ADMIN + "/merchants";
    static final String ALIPAY = ConsoleWeb.ADMIN + "/alipay";
    static final String SYSTEM = ConsoleWeb.ADMIN + "/system";
    static final String AUDIT = ConsoleWeb.ADMIN + "/audit";
    /** The longest value any field of these forms takes (an RSA key in PEM is the longest). */
    static final int MAX_FIELD = 8192;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final AdminBackend backend;
    private final MerchantPages merchants;

    public AdminPages(AdminBackend backend, ConsoleAuth auth) {
        this.backend = backend;
        this.merchants = new MerchantPages(backend, auth);
    }

    @Override
    public void mount(RoutesConfig routes, ConsoleWeb web) {
        merchants.mount(routes, web);
        SystemPages system = new SystemPages(backend);
        routes.get(ALIPAY, ctx -> system.alipay(ctx, web, null, 200));
        routes.post(ALIPAY, ctx -> system.setAlipay(ctx, web));
        routes.post(ALIPAY + "/reset", ctx -> system.resetAlipay(ctx, web));
        routes.get(SYSTEM, ctx -> system.system(ctx, web, null, 200));
        routes.post(SYSTEM + "/resend", ctx -> system.resend(ctx, web));
        AuditPage audit = new AuditPage(backend);
        routes.get(AUDIT, ctx -> audit.show(ctx, web));
    }

    static Texts texts(ConsolePages.Frame frame) {
        return Texts.of(BUNDLE, frame.lang());
    }

    /** Writes an operator's change to the audit log. */
    static void audit(AdminBackend backend, ConsoleWeb web, Context ctx, AuditAction action, String detail) {
        var operator = web.signed(ctx).account();
        backend.record(action, operator.id(), operator.username(), detail, ctx.ip());
    }

    /** A form field, trimmed of nothing but cut to {@link #MAX_FIELD}; null when absent. */
    static String field(Context ctx, String name) {
        String value = ctx.formParam(name);
        return value == null || value.length() <= MAX_FIELD ? value : value.substring(0, MAX_FIELD);
    }

    static String time(LocalDateTime t) {
        return t == null ? "–" : TIME.format(t);
    }

    /** After a change, the page again by GET, so a reload does not send the form twice. */
    static void seeOther(Context ctx, String path) {
        ctx.redirect(path, HttpStatus.SEE_OTHER);
    }

    static void send(Context ctx, int status, String template, Object page) {
        Pages.send(ctx, status, template, page);
    }
}
