package io.qfgate.server.web.checkstand;

import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Merchants;
import io.qfgate.server.domain.NotifyTargets;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.web.FloodGuard;
import io.qfgate.server.web.Lang;
import io.qfgate.server.web.Pages;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.checkstand.CheckstandPages.LangLink;
import io.qfgate.server.web.checkstand.CheckstandPages.Pay;
import io.qfgate.server.web.checkstand.CheckstandPages.WalletChoice;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * QFPay's hosted checkout page, {@code /checkstand/#/?<signed link>} (docs/api.md, Hosted
 * checkout): the shopper sees the order, picks a wallet, and pays at it; the page follows the
 * order and sends the shopper to the merchant's {@code return_url} or {@code failed_url}. The order
 * is made by the same {@link PaymentService} as {@code /trade/v1/payment}, once per link.
 */
public final class Checkstand {
    static final String PAGE = "/checkstand/";
    static final String PAY = "/checkstand/pay";
    static final String STATUS = "/checkstand/status";
    /** The form fields the page adds to the link's own. */
    static final String WALLET = "wallet";
    static final String VIEWPORT = "vw";
    private static final String BUNDLE = "checkstand";

    private final Stores.Apps apps;
    private final Merchants merchants;
    private final PaymentService payments;
    private final NotifyTargets targets;
    private final String policy;
    private final Clock clock;

    /**
     * @param alipayGatewayUrl Alipay's {@code gateway.do}, whose QR page (AlipayHK's) this page frames
     * @param targets          where this node delivers notifications: a {@code notify_url} it would refuse is refused
     */
    public Checkstand(Stores.Apps apps, PaymentService payments, NotifyTargets targets, String alipayGatewayUrl,
            Clock clock) {
        this.apps = apps;
        this.merchants = new Merchants(apps);
        this.payments = payments;
        this.targets = targets;
        this.policy = Pages.DEFAULT_POLICY + "; frame-src 'self' " + origin(alipayGatewayUrl);
        this.clock = clock;
    }

    /** Every route behind {@code guard}, the status poll too: each one checks a signature. */
    public void mount(RoutesConfig routes, FloodGuard guard) {
        routes.get(PAGE, guard.before(this::page));
        routes.post(PAY, guard.before(this::pay));
        routes.get(STATUS, guard.before(this::status));
    }

    /** The link: the opening script without parameters, else the order's choice or payment step. */
    private void page(Context ctx) {
        Texts t = texts(ctx, ctx.queryParam(CheckoutLink.LANG));
        if (ctx.queryString() == null || ctx.queryString().isEmpty()) {
            Pages.send(ctx, 200, "checkstand/opening", new CheckstandPages.Opening(t), policy);
            return;
        }
        guarded(ctx, t, () -> {
            CheckoutLink link = CheckoutLink.read(CheckoutLink.single(ctx.queryParamMap()), apps, targets);
            if (link.expiredAt(clock.millis())) {
                ctx.redirect(link.failedUrl(), HttpStatus.SEE_OTHER);
                return;
            }
            Merchant merchant = merchants.resolveEnabled(link.app(), link.mchntid());
            Optional<Transaction> order = existing(link);
            if (order.isPresent() && !order.get().isPending()) {
                ctx.redirect(leaveTo(link, order.get()), HttpStatus.SEE_OTHER);
                return;
            }
            boolean phone = Device.isPhone(ctx.userAgent(), ctx.header("Sec-CH-UA-Mobile"), null);
            Pages.send(ctx, 200, "checkstand/order", orderPage(t, link, merchant, order.orElse(null), phone), policy);
        });
    }

    /**
     * The shopper picked a wallet: the order is made with that wallet's pay type for this device,
     * unless the link already has an order, which stays the one to pay (docs/api.md: the first
     * choice holds). A wallet with a page of its own is opened at once; AlipayHK's QR is shown here.
     */
    private void pay(Context ctx) {
        Texts t = texts(ctx, ctx.formParam(CheckoutLink.LANG));
        guarded(ctx, t, () -> {
            Map<String, String> form = CheckoutLink.single(ctx.formParamMap());
            String wallet = form.remove(WALLET);
            String viewport = form.remove(VIEWPORT);
            CheckoutLink link = CheckoutLink.read(form, apps, targets);
            if (link.expiredAt(clock.millis())) {
                ctx.redirect(link.failedUrl(), HttpStatus.SEE_OTHER);
                return;
            }
            Wallet chosen = Wallet.ofCode(wallet == null ? "" : wallet)
                    .orElseThrow(() -> LinkProblem.invalid(WALLET, "choose one of the wallets on the page"));
            Merchant merchant = merchants.resolveEnabled(link.app(), link.mchntid());
            boolean phone = Device.isPhone(ctx.userAgent(), ctx.header("Sec-CH-UA-Mobile"), viewport);
            if (existing(link).isEmpty()) {
                PayType payType = chosen.payType(phone, merchant.payTypes()).orElseThrow(() -> LinkProblem.of(422,
                        "error.walletNotEnabled", "the merchant is not enabled for " + chosen.code()));
                Transaction order = createOrResume(link, payType);
                if (order.isPending() && !embedsQr(order.payType())) {
                    ctx.redirect(order.payUrl(), HttpStatus.SEE_OTHER);
                    return;
                }
            }
            ctx.redirect(pageUrl(link.params()), HttpStatus.SEE_OTHER);
        });
    }

    /** Two choices at once (a double click, two tabs): the first order made is the link's order. */
    private Transaction createOrResume(CheckoutLink link, PayType payType) {
        try {
            return payments.create(link.app(), link.payment(payType));
        } catch (Refusal r) {
            if (r.respcd() == Respcd.DUPLICATE_REQUEST) {
                return existing(link).orElseThrow(() -> r);
            }
            throw r;
        }
    }

    /** What htmx polls while the shopper pays: the merchant's page once the order is settled. */
    private void status(Context ctx) {
        Texts t = texts(ctx, ctx.queryParam(CheckoutLink.LANG));
        guarded(ctx, t, () -> {
            CheckoutLink link = CheckoutLink.read(CheckoutLink.single(ctx.queryParamMap()), apps, targets);
            Optional<Transaction> order = existing(link);
            if (link.expiredAt(clock.millis()) && order.map(Transaction::isPending).orElse(true)) {
                ctx.header("HX-Redirect", link.failedUrl());
            } else if (order.isPresent() && !order.get().isPending()) {
                ctx.header("HX-Redirect", leaveTo(link, order.get()));
            }
            Pages.send(ctx, 200, "checkstand/status",
                    new CheckstandPages.Status(t, statusUrl(link.params())), policy);
        });
    }

    /** The order this link made, if any; a different order under its out_trade_no is refused (1102). */
    private Optional<Transaction> existing(CheckoutLink link) {
        // Any pay type: existing() compares under the stored order's own.
        return payments.existing(link.app(), link.payment(PayType.ALIPAY_ONLINE_WEB));
    }

    private static String leaveTo(CheckoutLink link, Transaction order) {
        return order.respcd() == Respcd.SUCCESS ? link.returnUrl() : link.failedUrl();
    }

    private CheckstandPages.Order orderPage(Texts t, CheckoutLink link, Merchant merchant, Transaction order,
            boolean phone) {
        if (!merchant.currencies().contains(link.currency())) {
            throw LinkProblem.of(422, "error.currency", "txcurrcd: " + link.currency()
                    + " is not enabled for this merchant", link.currency().name());
        }
        List<WalletChoice> wallets = Arrays.stream(Wallet.values())
                .filter(w -> w.payType(phone, merchant.payTypes()).isPresent())
                .map(w -> new WalletChoice(w.code(), t.get("wallet." + w.code()), t.get("walletHint." + w.code())))
                .toList();
        Pay pay = order == null ? null : new Pay(t.get("wallet." + Wallet.of(order.payType()).orElseThrow().code()),
                order.payUrl(), embedsQr(order.payType()));
        long expiresIn = link.checkoutExpiresAt() == null ? -1 : Math.max(0, link.checkoutExpiresAt() - clock.millis());
        return new CheckstandPages.Order(t, merchant.name(), amount(link), link.goodsName(), link.outTradeNo(),
                link.cancelUrl(), wallets, link.params(), pay, statusUrl(link.params()), expiresIn, link.failedUrl(),
                langLinks(link.params(), t.lang()));
    }

    /** AlipayHK has no cashier page: its web payment is a bare QR for the merchant's page to frame. */
    private static boolean embedsQr(PayType payType) {
        return payType == PayType.ALIPAY_HK_ONLINE_WEB;
    }

    /** The amount with its currency's minor digits and thousands separated, e.g. {@code HKD 1,234.50}. */
    static String amount(CheckoutLink link) {
        int digits = link.currency().minorDigits();
        return link.currency().name() + " " + String.format(Locale.ROOT, "%,." + digits + "f",
                BigDecimal.valueOf(link.txamt(), digits));
    }

    private static List<LangLink> langLinks(Map<String, String> params, Lang current) {
        return Arrays.stream(Lang.values()).map(lang -> {
            Map<String, String> withLang = new LinkedHashMap<>(params);
            withLang.put(CheckoutLink.LANG, lang.code());
            return new LangLink(lang, pageUrl(withLang), lang == current);
        }).toList();
    }

    static String pageUrl(Map<String, String> params) {
        return PAGE + "?" + FormEncoding.encode(params);
    }

    private static String statusUrl(Map<String, String> params) {
        return STATUS + "?" + FormEncoding.encode(params);
    }

    private static Texts texts(Context ctx, String lang) {
        return Texts.of(BUNDLE, Lang.choose(lang, ctx.header("Accept-Language")));
    }

    /**
     * Runs a handler; whatever makes the link unpayable becomes the link's error page, in the
     * shopper's language. Anything else is unexpected: the gateway's error page ({@code PageErrors}).
     */
    private void guarded(Context ctx, Texts t, Runnable handler) {
        try {
            handler.run();
        } catch (LinkProblem p) {
            problem(ctx, p.status, t, t.format(p.textKey, p.args), p.detail());
        } catch (Refusal r) {
            boolean duplicate = r.respcd() == Respcd.DUPLICATE_REQUEST;
            // The link names the agent's merchant mchntid where the API says mchid.
            String detail = r.resperr().startsWith("mchid:") ? "mchntid:" + r.resperr().substring(6) : r.resperr();
            problem(ctx, duplicate ? 409 : 422, t, duplicate
                    ? t.format("error.duplicate", ctx.queryParam("out_trade_no") != null
                            ? ctx.queryParam("out_trade_no") : ctx.formParam("out_trade_no"))
                    : t.get("error.refused"), detail);
        }
    }

    private void problem(Context ctx, int status, Texts t, String message, String detail) {
        Pages.send(ctx, status, "checkstand/problem", new CheckstandPages.Problem(t, message, detail), policy);
    }

    private static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
