package io.qfgate.server.web.console.admin;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages;
import io.qfgate.server.web.console.ConsoleWeb;
import io.qfgate.server.web.console.admin.AdminViews.AppLine;
import io.qfgate.server.web.console.admin.AdminViews.Choice;
import io.qfgate.server.web.console.admin.AdminViews.MerchantLine;
import io.qfgate.server.web.console.admin.AdminViews.Notice;
import io.qfgate.server.web.console.admin.AdminViews.Secret;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code /admin/merchants}: every app with its merchants; creating a merchant, an agent or an
 * agent's sub-merchant; changing an app or a merchant; switching an app off and on; and making
 * a merchant's portal owner, whose password is shown once.
 */
final class MerchantPages {
    private static final String DONE = "done";
    private static final Set<String> DONE_KEYS = Set.of("saved", "enabled", "disabled");

    private final AdminBackend backend;
    private final ConsoleAuth auth;

    MerchantPages(AdminBackend backend, ConsoleAuth auth) {
        this.backend = backend;
        this.auth = auth;
    }

    void mount(RoutesConfig routes, ConsoleWeb web) {
        String one = AdminPages.MERCHANTS + "/{app}";
        routes.get(AdminPages.MERCHANTS, ctx -> list(ctx, web, null, 200));
        routes.post(AdminPages.MERCHANTS, ctx -> create(ctx, web));
        routes.get(one, ctx -> withApp(ctx, web, app -> detail(ctx, web, app, done(ctx, web), List.of(), 200)));
        routes.post(one + "/app", ctx -> withApp(ctx, web, app -> change(ctx, web, app, () -> updateApp(ctx, web, app))));
        routes.post(one + "/enabled", ctx -> withApp(ctx, web, app -> switchApp(ctx, web, app)));
        routes.post(one + "/merchants/{id}", ctx -> withApp(ctx, web, app -> change(ctx, web, app,
                () -> updateMerchant(ctx, web, app))));
        routes.post(one + "/subs", ctx -> withApp(ctx, web, app -> addSub(ctx, web, app)));
        routes.post(one + "/owner", ctx -> withApp(ctx, web, app -> createOwner(ctx, web, app)));
    }

    private void list(Context ctx, ConsoleWeb web, Notice notice, int status) {
        ConsolePages.Frame frame = web.frame(ctx);
        List<AppLine> apps = backend.apps().stream().map(this::line).toList();
        AdminPages.send(ctx, status, "admin/merchants", new AdminViews.Merchants(frame, AdminPages.texts(frame), notice,
                apps, payTypes(backend.carriedPayTypes()), currencies(Set.of(Currency.values()))));
    }

    private void create(Context ctx, ConsoleWeb web) {
        Texts t = AdminPages.texts(web.frame(ctx));
        String kind = String.valueOf(ctx.formParam("kind"));
        try {
            App app = switch (kind) {
                case "agent" -> backend.createAgent(AdminPages.field(ctx, "name"));
                case "merchant" -> backend.createMerchant(form(ctx));
                default -> throw new IllegalArgumentException("kind: choose merchant or agent");
            };
            AdminPages.audit(backend, web, ctx, AuditAction.MERCHANT_CREATED,
                    kind + " app " + app.appCode() + " (" + app.name() + ")");
            detail(ctx, web, app, Notice.ok(t.get("merchants.created")), List.of(
                    new Secret("app_code", app.appCode()), new Secret("client_key", app.clientKey())), 201);
        } catch (IllegalArgumentException e) {
            list(ctx, web, Notice.problem(e.getMessage()), 422);
        }
    }

    private void addSub(Context ctx, ConsoleWeb web, App agent) {
        Texts t = AdminPages.texts(web.frame(ctx));
        try {
            Merchant sub = backend.addSubMerchant(agent, form(ctx));
            AdminPages.audit(backend, web, ctx, AuditAction.MERCHANT_CREATED,
                    "sub-merchant " + sub.mchid() + " (" + sub.name() + ") of agent " + agent.appCode());
            detail(ctx, web, agent, Notice.ok(t.get("merchants.created")), List.of(new Secret("mchid", sub.mchid())),
                    201);
        } catch (IllegalArgumentException e) {
            detail(ctx, web, agent, Notice.problem(e.getMessage()), List.of(), 422);
        }
    }

    private void updateApp(Context ctx, ConsoleWeb web, App app) {
        AdminBackend.AppForm form = new AdminBackend.AppForm(AdminPages.field(ctx, "name"),
                AdminPages.field(ctx, "notifyUrl"), AdminPages.field(ctx, "perSecond"), AdminPages.field(ctx, "perMinute"));
        backend.updateApp(app, form);
        AdminPages.audit(backend, web, ctx, AuditAction.MERCHANT_CHANGED, "app " + app.appCode() + ": "
                + changed(form.name(), "name", form.notifyUrl(), "notify URL", form.perSecond(), "rate per second",
                        form.perMinute(), "rate per minute"));
    }

    private void updateMerchant(Context ctx, ConsoleWeb web, App app) {
        String id = ctx.pathParam("id");
        Merchant merchant = backend.merchantsOf(app.id()).stream().filter(m -> String.valueOf(m.id()).equals(id))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("merchant: no merchant " + id
                        + " in app " + app.appCode()));
        AdminBackend.MerchantForm form = form(ctx);
        backend.updateMerchant(merchant, form, "on".equals(ctx.formParam("enabled")));
        AdminPages.audit(backend, web, ctx, AuditAction.MERCHANT_CHANGED, "merchant " + merchant.name()
                + (merchant.mchid() == null ? "" : " " + merchant.mchid()) + " of app " + app.appCode() + ": "
                + changed(form.name(), "name", form.mcc(), "mcc", form.payTypes(), "pay types " + form.payTypes(),
                        form.currencies(), "currencies " + form.currencies(), form.notifyUrl(), "notify URL")
                + ", enabled " + "on".equals(ctx.formParam("enabled")));
    }

    /** Runs a change; on success back to the app's page, else the page again with the problem. */
    private void change(Context ctx, ConsoleWeb web, App app, Runnable change) {
        try {
            change.run();
            AdminPages.seeOther(ctx, AdminPages.MERCHANTS + "/" + app.appCode() + "?" + DONE + "=saved");
        } catch (IllegalArgumentException e) {
            detail(ctx, web, app, Notice.problem(e.getMessage()), List.of(), 422);
        }
    }

    private void switchApp(Context ctx, ConsoleWeb web, App app) {
        boolean enable = "true".equals(ctx.formParam("enabled"));
        backend.setAppEnabled(app, enable);
        AdminPages.audit(backend, web, ctx, enable ? AuditAction.APP_ENABLED : AuditAction.APP_DISABLED,
                "app " + app.appCode());
        AdminPages.seeOther(ctx, AdminPages.MERCHANTS + "/" + app.appCode() + "?" + DONE + "="
                + (enable ? "enabled" : "disabled"));
    }

    private void createOwner(Context ctx, ConsoleWeb web, App app) {
        Texts t = AdminPages.texts(web.frame(ctx));
        String password = ConsoleAuth.randomToken().substring(0, 20);
        try {
            var owner = auth.createPortalUser(app.id(), AdminPages.field(ctx, "username"), password, PortalRole.OWNER,
                    null);
            AdminPages.audit(backend, web, ctx, AuditAction.ACCOUNT_CREATED,
                    "portal owner " + owner.username() + " of app " + app.appCode());
            detail(ctx, web, app, Notice.ok(t.get("owner.created")), List.of(
                    new Secret(t.get("owner.username"), owner.username()), new Secret(t.get("owner.password"), password)),
                    201);
        } catch (IllegalArgumentException e) {
            detail(ctx, web, app, Notice.problem("username: " + e.getMessage()), List.of(), 422);
        }
    }

    private void detail(Context ctx, ConsoleWeb web, App app, Notice notice, List<Secret> secrets, int status) {
        ConsolePages.Frame frame = web.frame(ctx);
        App fresh = backend.app(app.appCode()).orElse(app);
        AdminPages.send(ctx, status, "admin/app", new AdminViews.AppDetail(frame, AdminPages.texts(frame), notice,
                secrets, line(fresh), payTypes(backend.carriedPayTypes()), currencies(Set.of(Currency.values()))));
    }

    /** The app named in the path, or a 404 page. */
    private void withApp(Context ctx, ConsoleWeb web, java.util.function.Consumer<App> then) {
        Optional<App> app = backend.app(ctx.pathParam("app"));
        if (app.isEmpty()) {
            list(ctx, web, Notice.problem(AdminPages.texts(web.frame(ctx)).get("merchants.noSuchApp")), 404);
            return;
        }
        then.accept(app.get());
    }

    private static Notice done(Context ctx, ConsoleWeb web) {
        String done = ctx.queryParam(DONE);
        return done != null && DONE_KEYS.contains(done)
                ? Notice.ok(AdminPages.texts(web.frame(ctx)).get("done." + done)) : null;
    }

    /** The merchant fields of a form; no box ticked is sent as an empty list, which is refused. */
    private static AdminBackend.MerchantForm form(Context ctx) {
        return new AdminBackend.MerchantForm(AdminPages.field(ctx, "name"), AdminPages.field(ctx, "mcc"),
                ticked(ctx, "payTypes"), ticked(ctx, "currencies"), AdminPages.field(ctx, "notifyUrl"));
    }

    private static String ticked(Context ctx, String name) {
        List<String> values = ctx.formParams(name).stream().limit(64).toList();
        return values.isEmpty() ? "," : String.join(",", values);
    }

    /** Which of the given fields were filled in, for the audit log (values only where not sensitive). */
    private static String changed(String... valueThenLabel) {
        String list = java.util.stream.IntStream.range(0, valueThenLabel.length / 2)
                .filter(i -> valueThenLabel[2 * i] != null && !valueThenLabel[2 * i].isBlank())
                .mapToObj(i -> valueThenLabel[2 * i + 1]).collect(Collectors.joining(", "));
        return list.isEmpty() ? "nothing" : list;
    }

    private AppLine line(App app) {
        List<MerchantLine> merchants = backend.merchantsOf(app.id()).stream().map(this::merchantLine).toList();
        return new AppLine(app.appCode(), kindKey(app.kind()), app.name(), app.enabled(), app.ratePerSecond(),
                app.ratePerMinute(), app.notifyUrl(), merchants);
    }

    private MerchantLine merchantLine(Merchant m) {
        return new MerchantLine(m.id(), m.name(), m.mchid(), m.mcc(), m.enabled(),
                m.payTypes().stream().map(PayType::code).sorted().collect(Collectors.joining(", ")),
                m.currencies().stream().map(Currency::name).sorted().collect(Collectors.joining(", ")),
                m.notifyUrl(), payTypes(backend.carriedPayTypes(), m.payTypes()), currencies(m.currencies()));
    }

    private static String kindKey(App.Kind kind) {
        return "kind." + kind.dbName();
    }

    private static List<Choice> payTypes(Set<PayType> carried) {
        return payTypes(carried, carried);
    }

    private static List<Choice> payTypes(Set<PayType> carried, Set<PayType> ticked) {
        return carried.stream().sorted(java.util.Comparator.comparing(PayType::code))
                .map(p -> new Choice(p.code(), p.code() + " " + p.name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' '), ticked.contains(p))).toList();
    }

    private static List<Choice> currencies(Set<Currency> ticked) {
        return Arrays.stream(Currency.values()).map(c -> new Choice(c.name(), c.name(), ticked.contains(c))).toList();
    }
}
