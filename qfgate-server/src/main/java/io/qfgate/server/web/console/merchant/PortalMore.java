package io.qfgate.server.web.console.merchant;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.qfgate.protocol.Currency;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.PortalDashboard;
import io.qfgate.server.domain.PortalDevelopers;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.domain.PortalStaff;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.TradeBill;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import io.qfgate.server.web.console.ConsoleWeb;
import java.io.IOException;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;

/**
 * The portal's dashboard, statements, developer and staff pages. Every page reads the signed-in
 * user's own app only (an agent's user: its sub-merchants, with a filter); the developer and
 * staff pages and their actions are for owners, checked here and again in the domain.
 */
public final class PortalMore implements ConsoleWeb.Section {
    static final String BUNDLE = "portal_more";
    private static final String BASE = ConsoleWeb.PORTAL;

    /** What the pages work with. */
    public record Parts(Stores.Apps apps, PortalDashboard dashboard, TradeBill bill, PortalDevelopers developers,
            PortalStaff staff) {}

    /** A request the page refuses: its status and the text key saying why. */
    private static final class Refusal extends RuntimeException {
        final int status;
        final String key;

        Refusal(int status, String key) {
            super(key, null, false, false);
            this.status = status;
            this.key = key;
        }
    }

    private final Parts parts;
    private ConsoleWeb web;

    private PortalMore(Parts parts) {
        this.parts = parts;
    }

    public static PortalMore over(Parts parts) {
        return new PortalMore(parts);
    }

    @Override
    public void mount(RoutesConfig routes, ConsoleWeb consoleWeb) {
        this.web = consoleWeb;
        routes.get(BASE + "/dashboard", ctx -> guarded(ctx, this::dashboard));
        routes.get(BASE + "/statements", ctx -> guarded(ctx, this::statements));
        routes.get(BASE + "/statements/download", ctx -> guarded(ctx, this::download));
        DeveloperPages developers = new DeveloperPages(this, parts.developers());
        routes.get(BASE + "/developers", ctx -> guarded(ctx, developers::show));
        routes.post(BASE + "/developers/key", ctx -> guarded(ctx, developers::rotate));
        routes.post(BASE + "/developers/test", ctx -> guarded(ctx, developers::test));
        StaffPages staff = new StaffPages(this, parts.staff());
        routes.get(BASE + "/staff", ctx -> guarded(ctx, staff::show));
        routes.post(BASE + "/staff", ctx -> guarded(ctx, staff::create));
        routes.post(BASE + "/staff/{id}/role", ctx -> guarded(ctx, staff::change));
        routes.post(BASE + "/staff/{id}/access", ctx -> guarded(ctx, staff::access));
    }

    private interface Handler {
        void handle(Context ctx) throws IOException;
    }

    /** Runs the handler; a refusal becomes a page saying why, in the page's language. */
    private void guarded(Context ctx, Handler handler) throws IOException {
        try {
            handler.handle(ctx);
        } catch (Refusal r) {
            problem(ctx, r.status, r.key);
        } catch (PortalStaff.Refused r) {
            problem(ctx, r.problem() == PortalStaff.Problem.NOT_OWNER ? 403 : 404, StaffPages.key(r.problem()));
        }
    }

    void problem(Context ctx, int status, String key) {
        Frame frame = web.frame(ctx);
        Pages.send(ctx, status, "portal_more/problem", new MorePages.Problem(frame, texts(frame), key));
    }

    // ---- shared by the pages

    ConsoleAccount user(Context ctx) {
        return web.signed(ctx).account();
    }

    App app(Context ctx) {
        return parts.apps().byId(user(ctx).appId()).orElseThrow(() -> new IllegalStateException("portal user without app"));
    }

    /** The signed-in owner; anyone else is refused before anything is read or changed. */
    ConsoleAccount owner(Context ctx) {
        ConsoleAccount user = user(ctx);
        if (user.role() != PortalRole.OWNER) {
            throw new Refusal(403, "refused.owner");
        }
        return user;
    }

    Frame frame(Context ctx) {
        return web.frame(ctx);
    }

    static Texts texts(Frame frame) {
        return Texts.of(BUNDLE, frame.lang());
    }

    static void refuse(int status, String key) {
        throw new Refusal(status, key);
    }

    /** The app's sub-merchants an agent's user may filter by (none for a merchant app). */
    private static List<MorePages.SubMerchant> subMerchants(List<Merchant> merchants) {
        return merchants.stream().filter(m -> m.mchid() != null)
                .map(m -> new MorePages.SubMerchant(m.mchid(), m.name())).toList();
    }

    /** The {@code mchid} filter: absent, or one of the app's own sub-merchants; another's is not found. */
    private static String mchid(Context ctx, List<MorePages.SubMerchant> mine) {
        String mchid = ctx.queryParam("mchid");
        if (mchid == null || mchid.isBlank()) {
            return null;
        }
        if (mine.stream().noneMatch(m -> m.mchid().equals(mchid))) {
            refuse(404, "refused.merchant");
        }
        return mchid;
    }

    private void dashboard(Context ctx) {
        App app = app(ctx);
        List<MorePages.SubMerchant> mine = subMerchants(parts.apps().merchantsOfApp(app.id()));
        String mchid = mchid(ctx, mine);
        PortalDashboard.View view = parts.dashboard().of(app, mchid);
        Frame frame = frame(ctx);
        Pages.send(ctx, 200, "portal_more/dashboard", new MorePages.Dashboard(frame, texts(frame), mine, mchid,
                view.today().toString(), view.from().toString(), view.currencies().stream().map(PortalMore::panel).toList()));
    }

    private static MorePages.CurrencyPanel panel(PortalDashboard.CurrencyView v) {
        Currency c = v.currency();
        return new MorePages.CurrencyPanel(c.name(), figures(c, v.today()), figures(c, v.month()),
                Charts.daily(c, v.days()), Charts.mix(c, v.payTypes()),
                v.days().reversed().stream().map(d -> new MorePages.DayRow(d.date().toString(), figures(c, d.figures())))
                        .toList());
    }

    private static MorePages.Figures figures(Currency c, PortalDashboard.Figures f) {
        Double rate = f.successRate();
        return new MorePages.Figures(c.toMajor(f.paidAmount()), c.toMajor(f.refundAmount()), c.toMajor(f.netAmount()),
                f.payments(), f.paid(), rate == null ? "" : rate + "%");
    }

    private void statements(Context ctx) {
        App app = app(ctx);
        List<MorePages.SubMerchant> mine = subMerchants(parts.apps().merchantsOfApp(app.id()));
        String mchid = mchid(ctx, mine);
        LocalDate date = date(ctx);
        Frame frame = frame(ctx);
        String download = BASE + "/statements/download?date=" + date + (mchid == null ? "" : "&mchid=" + mchid);
        Pages.send(ctx, 200, "portal_more/statements", new MorePages.Statements(frame, texts(frame), mine, mchid,
                date.toString(), download));
    }

    /** The same zip as the API's {@code trade_bill} for that day, streamed as it is written. */
    private void download(Context ctx) throws IOException {
        App app = app(ctx);
        String mchid = mchid(ctx, subMerchants(parts.apps().merchantsOfApp(app.id())));
        LocalDate date = date(ctx);
        ctx.contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=\"" + TradeBill.name(date) + ".zip\"")
                .header("Cache-Control", "no-store")
                .header("X-Content-Type-Options", "nosniff");
        try (OutputStream out = ctx.outputStream()) {
            parts.bill().write(app, mchid, date, out);
        }
    }

    /** The {@code date} asked for (YYYY-MM-DD), today in gateway time without one. */
    private LocalDate date(Context ctx) {
        String text = Objects.requireNonNullElse(ctx.queryParam("date"), "");
        if (text.isBlank()) {
            return parts.dashboard().today();
        }
        try {
            return LocalDate.parse(text.length() > 10 ? text.substring(0, 11) : text);
        } catch (DateTimeParseException e) {
            refuse(400, "refused.date");
            return null;
        }
    }
}
