package io.qfgate.sandbox.web;

import io.javalin.http.Context;
import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.sandbox.ledger.CloseReason;
import io.qfgate.sandbox.ledger.Ledger;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.ledger.TradeStatus;
import io.qfgate.sandbox.web.Views.Link;
import io.qfgate.sandbox.web.Views.OrderSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the gateway and wallet endpoints share: the books, the partners, where the sandbox is
 * mounted, and how an order is shown and linked.
 */
final class Site {
    final Ledger ledger;
    final Partners partners;
    final AlipaySigner signer;
    final String prefix;
    private final String publicBaseUrl;

    Site(Ledger ledger, Partners partners, AlipaySigner signer, String prefix, String publicBaseUrl) {
        this.ledger = ledger;
        this.partners = partners;
        this.signer = signer;
        this.prefix = prefix;
        this.publicBaseUrl = publicBaseUrl;
    }

    /** Scheme, host and port the shopper reached us at, unless configured. */
    String baseUrl(Context ctx) {
        if (publicBaseUrl != null) {
            return publicBaseUrl;
        }
        String host = ctx.host();
        return ctx.scheme() + "://" + (host == null || host.isBlank() ? "localhost" : host);
    }

    String walletPath(OrderView order) {
        return prefix + "/wallet/" + order.walletToken();
    }

    /** What the QR code holds: the absolute wallet URL, in the page's language. */
    String walletUrl(Context ctx, OrderView order, Lang lang) {
        return baseUrl(ctx) + walletPath(order) + "?lang=" + lang.code();
    }

    String statusPath(OrderView order) {
        return walletPath(order) + "/status";
    }

    String paidPath(OrderView order, Lang lang) {
        return walletPath(order) + "/paid?lang=" + lang.code();
    }

    /**
     * The order's {@code return_url} with Alipay's signed return parameters, or null when the
     * merchant gave none.
     */
    String signedReturnUrl(OrderView order) {
        if (order.terms().returnUrl() == null) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("out_trade_no", order.terms().outTradeNo());
        params.put("trade_no", order.tradeNo());
        params.put("trade_status", order.status().name());
        params.put("total_fee", order.terms().currency().toMajor(order.terms().totalMinor()));
        params.put("currency", order.terms().currency().name());
        signer.addSignature(partners.require(order.terms().partnerId()), params);
        return Params.append(order.terms().returnUrl(), params);
    }

    static OrderSummary summary(OrderView order) {
        Currency currency = order.terms().currency();
        return new OrderSummary(
                order.terms().merchantName(),
                order.terms().subject(),
                order.terms().outTradeNo(),
                currency + " " + currency.toMajor(order.terms().totalMinor()),
                cny(order.cnyFen()),
                "1 " + currency + " = " + order.cnyRate().toPlainString() + " CNY",
                OrderView.beijing(order.expiresAt()) + " (GMT+8)");
    }

    /** A CNY amount for people: thousands grouped (CNY 1,000,000.00). */
    static String cny(long fen) {
        return "CNY " + String.format(java.util.Locale.ROOT, "%,.2f", new java.math.BigDecimal(Currency.CNY.toMajor(fen)));
    }

    /** The page of an order that can no longer be paid: paid, closed or expired. */
    void finalPage(Context ctx, Lang lang, OrderView order) {
        Texts t = Texts.of(lang);
        if (order.status() == TradeStatus.TRADE_FINISHED) {
            String back = signedReturnUrl(order);
            Pages.message(ctx, 200, lang, "ok", "paidTitle", t.get("paidText"), null, summary(order),
                    back == null ? List.of() : List.of(new Link(t.get("backToMerchant"), back)));
        } else if (order.closeReason() == CloseReason.EXPIRED) {
            Pages.message(ctx, 200, lang, "warn", "expiredTitle", t.get("expiredText"), null, summary(order), List.of());
        } else {
            Pages.message(ctx, 200, lang, "warn", "closedTitle", t.get("closedText"), null, summary(order), List.of());
        }
    }
}
