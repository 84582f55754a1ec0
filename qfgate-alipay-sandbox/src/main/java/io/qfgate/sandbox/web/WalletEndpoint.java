package io.qfgate.sandbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.sandbox.Buyer;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.ledger.PayOutcome;
import io.qfgate.sandbox.ledger.TradeStatus;
import io.qfgate.sandbox.web.Views.ConfirmPage;
import io.qfgate.sandbox.web.Views.Link;
import io.qfgate.sandbox.web.Views.LoginPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shopper's phone wallet. Opening the QR's URL is "the scan"; the shopper logs in as a
 * sandbox buyer (no password: the buyer travels in the URL and the forms), confirms, and pays
 * or cancels. Paying redirects to the merchant's {@code return_url} with Alipay's signed return
 * parameters.
 */
final class WalletEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Site site;

    WalletEndpoint(Site site) {
        this.site = site;
    }

    /** GET wallet/{token}: the login page, or with {@code buyer} the confirmation. */
    void show(Context ctx) {
        Map<String, String> params = Params.of(ctx);
        Lang lang = Lang.of(params.get("lang"));
        Optional<OrderView> found = site.ledger.byToken(ctx.pathParam("token"));
        if (found.isEmpty()) {
            notFound(ctx, lang);
            return;
        }
        OrderView order = found.get();
        Optional<Buyer> buyer = site.ledger.buyer(params.get("buyer"));
        if (!order.payable()) {
            site.finalPage(ctx, lang, order);
        } else if (buyer.isPresent()) {
            confirm(ctx, lang, order, buyer.get(), null);
        } else {
            login(ctx, lang, order);
        }
    }

    /** POST wallet/{token}/pay: debits the buyer once, however often it is pressed. */
    void pay(Context ctx) {
        Map<String, String> params = Params.of(ctx);
        Lang lang = Lang.of(params.get("lang"));
        String token = ctx.pathParam("token");
        Optional<OrderView> found = site.ledger.byToken(token);
        if (found.isEmpty()) {
            notFound(ctx, lang);
            return;
        }
        Optional<Buyer> buyer = site.ledger.buyer(params.get("buyer"));
        if (buyer.isEmpty()) {
            login(ctx, lang, found.get());
            return;
        }
        Texts t = Texts.of(lang);
        switch (site.ledger.pay(token, buyer.get().login())) {
            case PayOutcome.Paid paid -> {
                String back = site.signedReturnUrl(paid.order());
                ctx.redirect(back != null ? back : site.paidPath(paid.order(), lang), HttpStatus.SEE_OTHER);
            }
            case PayOutcome.PaidByAnother other -> Pages.message(ctx, 409, lang, "warn", "paidTitle",
                    t.get("paidByOther"), null, Site.summary(other.order()), List.of());
            case PayOutcome.InsufficientBalance poor -> confirm(ctx, lang, poor.order(), buyer.get(),
                    t.format("insufficient", Site.cny(poor.balanceFen()), Site.cny(poor.order().cnyFen())));
            case PayOutcome.Closed closed -> site.finalPage(ctx, lang, closed.order());
        }
    }

    /** POST wallet/{token}/cancel: nothing changes, as with Alipay the order stays payable. */
    void cancel(Context ctx) {
        Map<String, String> params = Params.of(ctx);
        Lang lang = Lang.of(params.get("lang"));
        Optional<OrderView> found = site.ledger.byToken(ctx.pathParam("token"));
        if (found.isEmpty()) {
            notFound(ctx, lang);
            return;
        }
        OrderView order = found.get();
        if (!order.payable()) {
            site.finalPage(ctx, lang, order);
            return;
        }
        Map<String, String> back = new LinkedHashMap<>();
        back.put("lang", lang.code());
        site.ledger.buyer(params.get("buyer")).ifPresent(b -> back.put("buyer", b.login()));
        Texts t = Texts.of(lang);
        Pages.message(ctx, 200, lang, "warn", "cancelledTitle", t.get("cancelledText"), null, Site.summary(order),
                List.of(new Link(t.get("backToPayment"), site.walletPath(order) + "?" + FormEncoding.encode(back))));
    }

    /** GET wallet/{token}/paid: where a payment lands when the merchant gave no return_url. */
    void paid(Context ctx) {
        Lang lang = Lang.of(ctx.queryParam("lang"));
        Optional<OrderView> found = site.ledger.byToken(ctx.pathParam("token"));
        if (found.isEmpty()) {
            notFound(ctx, lang);
        } else {
            site.finalPage(ctx, lang, found.get());
        }
    }

    /**
     * GET wallet/{token}/status: what the cashier page polls. {@code next} is where a paid
     * order sends the shopper.
     */
    void status(Context ctx) throws JsonProcessingException {
        Lang lang = Lang.of(ctx.queryParam("lang"));
        Optional<OrderView> found = site.ledger.byToken(ctx.pathParam("token"));
        Map<String, String> body = new LinkedHashMap<>();
        if (found.isEmpty()) {
            ctx.status(404);
            body.put("trade_status", "TRADE_NOT_EXIST");
        } else {
            OrderView order = found.get();
            body.put("trade_status", order.status().name());
            if (order.status() == TradeStatus.TRADE_FINISHED) {
                String back = site.signedReturnUrl(order);
                body.put("next", back != null ? back : site.paidPath(order, lang));
            }
        }
        ctx.header("Cache-Control", "no-store").contentType("application/json; charset=UTF-8")
                .result(JSON.writeValueAsString(body));
    }

    private void login(Context ctx, Lang lang, OrderView order) {
        List<String> buyers = site.ledger.buyers().stream().map(Buyer::login).toList();
        Pages.send(ctx, 200, "login", new LoginPage(Pages.chrome(ctx, lang, "loginTitle"), Site.summary(order),
                site.walletPath(order), buyers));
    }

    private void confirm(Context ctx, Lang lang, OrderView order, Buyer buyer, String problem) {
        String path = site.walletPath(order);
        Pages.send(ctx, 200, "confirm", new ConfirmPage(Pages.chrome(ctx, lang, "confirmTitle"), Site.summary(order),
                buyer.login(), Site.cny(site.ledger.balanceFen(buyer.login())), problem, path + "/pay",
                path + "/cancel", path + "?lang=" + lang.code()));
    }

    private static void notFound(Context ctx, Lang lang) {
        Pages.message(ctx, 404, lang, "error", "notFoundTitle", Texts.of(lang).get("notFoundText"), null, null,
                List.of());
    }
}
