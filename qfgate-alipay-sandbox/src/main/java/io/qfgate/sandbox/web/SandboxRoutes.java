package io.qfgate.sandbox.web;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.sandbox.customs.CustomsDesk;
import io.qfgate.sandbox.ledger.Ledger;
import io.qfgate.sandbox.notify.Notifier;
import io.qfgate.sandbox.web.Views.BuyerRow;
import io.qfgate.sandbox.web.Views.HomePage;

/** Registers the sandbox's routes under a prefix of the host's Javalin. */
public final class SandboxRoutes {
    private SandboxRoutes() {}

    public static void mount(RoutesConfig routes, String prefix, Ledger ledger, Partners partners,
            AlipaySigner signer, Notifier notifier, CustomsDesk customs, String publicBaseUrl) {
        if (!prefix.isEmpty() && (!prefix.startsWith("/") || prefix.endsWith("/"))) {
            throw new IllegalArgumentException("a prefix is empty or like /alipay-sandbox, not '" + prefix + "'");
        }
        Site site = new Site(ledger, partners, signer, prefix, publicBaseUrl);
        GatewayEndpoint gateway = new GatewayEndpoint(site, notifier, customs);
        WalletEndpoint wallet = new WalletEndpoint(site);
        routes.get(prefix + "/gateway.do", gateway);
        routes.post(prefix + "/gateway.do", gateway);
        routes.get(prefix + "/wallet/{token}", safe(wallet::show));
        routes.post(prefix + "/wallet/{token}/pay", safe(wallet::pay));
        routes.post(prefix + "/wallet/{token}/cancel", safe(wallet::cancel));
        routes.get(prefix + "/wallet/{token}/paid", safe(wallet::paid));
        routes.get(prefix + "/wallet/{token}/status", safe(wallet::status));
        routes.get(prefix.isEmpty() ? "/" : prefix, safe(ctx -> home(ctx, site)));
    }

    private static void home(Context ctx, Site site) {
        Lang lang = Lang.of(ctx.queryParam("lang"));
        var buyers = site.ledger.buyers().stream()
                .map(b -> new BuyerRow(b.login(), b.userId(), Site.cny(site.ledger.balanceFen(b.login()))))
                .toList();
        Pages.send(ctx, 200, "home", new HomePage(Pages.chrome(ctx, lang, "homeTitle"), buyers,
                site.baseUrl(ctx) + site.prefix + "/gateway.do"));
    }

    /** Whatever fails, the shopper sees a page with a reference, never a stack trace. */
    private static Handler safe(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (Exception e) {
                Pages.systemError(ctx, Lang.of(ctx.queryParam("lang")), Pages.report(e));
            }
        };
    }
}
