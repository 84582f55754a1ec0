package io.qfgate.server.web.console.transactions;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.PortalTransactions;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionSearch;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import io.qfgate.server.web.console.ConsoleWeb;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;

/**
 * The portal's transactions: the list ({@code /portal/transactions}, filtered, a page at a time),
 * its CSV export, one transaction's detail, and the refund, close, note and resend forms. The
 * handlers read the request and render; {@link PortalTransactions} decides what the user may see
 * and do.
 */
public final class TransactionPages implements ConsoleWeb.Section {
    static final String BUNDLE = "portal_tx";
    static final String BASE = ConsoleWeb.PORTAL + "/transactions";

    private final PortalTransactions portal;

    public TransactionPages(PortalTransactions portal) {
        this.portal = portal;
    }

    @Override
    public void mount(RoutesConfig routes, ConsoleWeb web) {
        routes.get(BASE, ctx -> guarded(web, ctx, () -> list(web, ctx)));
        routes.get(BASE + ".csv", ctx -> guarded(web, ctx, () -> csv(web, ctx)));
        routes.get(BASE + "/{syssn}", ctx -> guarded(web, ctx, () -> detail(web, ctx)));
        routes.get(BASE + "/{syssn}/refund", ctx -> guarded(web, ctx, () -> confirm(web, ctx)));
        routes.post(BASE + "/{syssn}/refund", ctx -> guarded(web, ctx, () -> {
            ConsoleAccount user = web.signed(ctx).account();
            Transaction payment = portal.detail(user, syssn(ctx)).orElseThrow(TransactionPages::notFound).transaction();
            PortalTransactions.requireMayAct(user);
            portal.refund(actor(web, ctx), payment.syssn(), amount(ctx, payment.currency()), ctx.formParam("key"));
            done(ctx, "refund");
        }));
        routes.post(BASE + "/{syssn}/close", ctx -> guarded(web, ctx, () -> {
            portal.close(actor(web, ctx), syssn(ctx));
            done(ctx, "close");
        }));
        routes.post(BASE + "/{syssn}/note", ctx -> guarded(web, ctx, () -> {
            portal.note(actor(web, ctx), syssn(ctx), ctx.formParam("note"));
            done(ctx, "note");
        }));
        routes.post(BASE + "/{syssn}/resend", ctx -> guarded(web, ctx, () -> {
            portal.resend(actor(web, ctx), syssn(ctx));
            done(ctx, "resend");
        }));
    }

    private void list(ConsoleWeb web, Context ctx) {
        ConsoleAccount user = web.signed(ctx).account();
        Frame frame = web.frame(ctx);
        Texts t = Texts.of(BUNDLE, frame.lang());
        TxViews.Filters filters = filters(ctx);
        List<TxViews.Option> merchants = portal.merchantsOf(user).stream()
                .filter(m -> m.mchid() != null).map(m -> new TxViews.Option(m.mchid(), m.name())).toList();
        List<TxViews.Row> rows = List.of();
        String next = null;
        String error = null;
        int status = 200;
        try {
            PortalTransactions.Page page = portal.search(user, search(filters), blank(ctx.queryParam("after"))
                    ? null : limited(ctx.queryParam("after"), 26));
            rows = page.rows().stream().map(TxViews.Row::of).toList();
            next = page.next() == null ? null : BASE + "?" + join(filters.query(), "after=" + page.next());
        } catch (Refusal refusal) {
            error = refusal.resperr();
            status = 400;
        }
        boolean htmx = ctx.header("HX-Request") != null && ctx.header("HX-Boosted") == null;
        Pages.send(ctx, status, htmx ? "portal_tx/results" : "portal_tx/list", new TxViews.ListPage(frame, t, filters,
                options(PayType.values(), PayType::code,
                p -> p.code() + " " + p.description()), states(t), options(Currency.values(),
                        Currency::name, Currency::name), merchants, rows, next,
                BASE + ".csv" + (filters.query().isEmpty() ? "" : "?" + filters.query()), error));
    }

    private void csv(ConsoleWeb web, Context ctx) throws java.io.IOException {
        TransactionSearch search = search(filters(ctx));
        ConsoleAccount user = web.signed(ctx).account();
        ctx.status(200).contentType("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"transactions.csv\"")
                .header("X-Content-Type-Options", "nosniff").header("Cache-Control", "no-store");
        Writer out = new BufferedWriter(new OutputStreamWriter(ctx.outputStream(), StandardCharsets.UTF_8));
        Csv csv = new Csv(out);
        csv.header();
        portal.export(user, search, csv::row);
        out.flush();
    }

    private void detail(ConsoleWeb web, Context ctx) {
        ConsoleAccount user = web.signed(ctx).account();
        PortalTransactions.Detail d = portal.detail(user, syssn(ctx)).orElseThrow(TransactionPages::notFound);
        Frame frame = web.frame(ctx);
        String done = limited(ctx.queryParam("done"), 16);
        Pages.send(ctx, 200, "portal_tx/detail", Details.page(frame, Texts.of(BUNDLE, frame.lang()), user,
                portal.mayNote(user), d, DONE.contains(done) ? "done." + done : null));
    }

    private static final List<String> DONE = List.of("refund", "close", "note", "resend");

    private void confirm(ConsoleWeb web, Context ctx) {
        ConsoleAccount user = web.signed(ctx).account();
        Transaction payment = portal.detail(user, syssn(ctx)).orElseThrow(TransactionPages::notFound).transaction();
        PortalTransactions.requireMayAct(user);
        long amount = amount(ctx, payment.currency());
        Frame frame = web.frame(ctx);
        Pages.send(ctx, 200, "portal_tx/confirm", new TxViews.ConfirmPage(frame, Texts.of(BUNDLE, frame.lang()),
                payment.syssn(), payment.currency().toMajor(amount), amount,
                payment.currency().toMajor(payment.refundable()), payment.currency().name(), ConsoleAuth.randomToken()));
    }

    /** After an action, the detail page again (a reload then does not repeat the action). */
    private static void done(Context ctx, String what) {
        ctx.redirect(BASE + "/" + syssn(ctx) + "?done=" + what, HttpStatus.SEE_OTHER);
    }

    /** The amount field, in the currency's major units as people write it ("12.50"). */
    private static long amount(Context ctx, Currency currency) {
        String sent = ctx.formParam("amount") != null ? ctx.formParam("amount") : ctx.queryParam("amount");
        String raw = limited(sent, 20).strip();
        try {
            long minor = currency.toMinor(raw);
            if (minor <= 0) {
                throw Refusal.parameter("amount", "must be more than zero");
            }
            return minor;
        } catch (NumberFormatException | ArithmeticException e) {
            throw Refusal.parameter("amount", "\"" + raw + "\" is not an amount in " + currency.name() + " (at most "
                    + currency.minorDigits() + " decimals)");
        }
    }

    private static TxViews.Filters filters(Context ctx) {
        return new TxViews.Filters(limited(ctx.queryParam("from"), 10), limited(ctx.queryParam("to"), 10),
                limited(ctx.queryParam("pay_type"), 6), limited(ctx.queryParam("state"), 10),
                limited(ctx.queryParam("currency"), 3), limited(ctx.queryParam("mchid"), 16),
                limited(ctx.queryParam("q"), TransactionSearch.MAX_Q));
    }

    /** The filters checked one by one; a bad one is refused naming its field. */
    static TransactionSearch search(TxViews.Filters f) {
        return new TransactionSearch(date("from", f.from()), date("to", f.to()),
                blank(f.payType()) ? null : PayType.of(f.payType()).orElseThrow(() -> Refusal.parameter("pay_type",
                        "no pay type " + f.payType())),
                blank(f.state()) ? null : TransactionSearch.State.of(f.state()).orElseThrow(() -> Refusal.parameter(
                        "state", "no state " + f.state())),
                blank(f.currency()) ? null : Currency.of(f.currency()).orElseThrow(() -> Refusal.parameter(
                        "currency", "no currency " + f.currency())),
                blank(f.mchid()) ? null : f.mchid(), blank(f.q()) ? null : f.q().strip());
    }

    private static LocalDate date(String field, String value) {
        try {
            return blank(value) ? null : LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw Refusal.parameter(field, "\"" + value + "\" is not a date (YYYY-MM-DD)");
        }
    }

    /** Runs a handler; what the services refuse becomes a page saying why, never a stack trace. */
    private void guarded(ConsoleWeb web, Context ctx, Action action) {
        try {
            action.run();
        } catch (PortalTransactions.NotAllowed e) {
            problem(web, ctx, 403, "problem.notAllowed", e.getMessage());
        } catch (Refusal r) {
            boolean missing = r.respcd() == Respcd.ORDER_NOT_FOUND;
            problem(web, ctx, missing ? 404 : 400, missing ? "problem.notFound" : "problem.refused", r.resperr());
        } catch (RuntimeException | java.io.IOException e) {
            problem(web, ctx, 500, "problem.failed", Pages.report(e));
        }
    }

    private void problem(ConsoleWeb web, Context ctx, int status, String headingKey, String message) {
        Frame frame = web.frame(ctx);
        String syssn = ctx.pathParamMap().get("syssn");
        String back = syssn != null && syssn.matches("\\d{26}") ? BASE + "/" + syssn : BASE;
        Pages.send(ctx, status, "portal_tx/problem", new TxViews.Problem(frame, Texts.of(BUNDLE, frame.lang()),
                headingKey, message, back));
    }

    @FunctionalInterface
    private interface Action {
        void run() throws java.io.IOException;
    }

    private static Refusal notFound() {
        return new Refusal(Respcd.ORDER_NOT_FOUND, "syssn: no such transaction for this merchant");
    }

    private static PortalTransactions.Actor actor(ConsoleWeb web, Context ctx) {
        return new PortalTransactions.Actor(web.signed(ctx).account(), ctx.ip());
    }

    private static String syssn(Context ctx) {
        return limited(ctx.pathParam("syssn"), 26);
    }

    private static List<TxViews.Option> states(Texts t) {
        return Arrays.stream(TransactionSearch.State.values())
                .map(s -> new TxViews.Option(s.code(), t.get("state." + s.code()))).toList();
    }

    private static <E> List<TxViews.Option> options(E[] values, java.util.function.Function<E, String> value,
            java.util.function.Function<E, String> label) {
        return Arrays.stream(values).map(v -> new TxViews.Option(value.apply(v), label.apply(v))).toList();
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "&" + b;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    static String limited(String value, int max) {
        return value == null ? "" : value.length() > max ? value.substring(0, max) : value;
    }
}
