package io.qfgate.sandbox.web;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.customs.CustomsDesk;
import io.qfgate.sandbox.ledger.ErrorCode;
import io.qfgate.sandbox.ledger.MapiException;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.ledger.Refund;
import io.qfgate.sandbox.notify.Notifier;
import io.qfgate.sandbox.web.Views.CashierPage;
import io.qfgate.sandbox.web.Views.QrPage;
import io.qfgate.sandbox.web.Views.WapPage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code gateway.do}, Alipay's single MAPI entry point, by {@code service}. The two
 * {@code create_forex_trade} services are pages a shopper's browser opens, so their refusals are
 * pages too; the others answer XML to the merchant's server; {@code notify_verify} answers
 * {@code true} or {@code false}.
 */
final class GatewayEndpoint implements Handler {
    private static final List<String> PAGE_SERVICES = List.of("create_forex_trade", "create_forex_trade_wap");
    private static final List<String> XML_SERVICES = List.of("single_trade_query", "forex_refund", "close_trade");
    /** The QR's side on the desktop cashier, in pixels. */
    private static final int CASHIER_QR_PX = 240;

    private final Site site;
    private final Notifier notifier;
    private final CustomsEndpoint customs;

    GatewayEndpoint(Site site, Notifier notifier, CustomsDesk desk) {
        this.site = site;
        this.notifier = notifier;
        this.customs = new CustomsEndpoint(site, desk);
    }

    @Override
    public void handle(Context ctx) {
        Map<String, String> params = Params.of(ctx);
        // A display choice of the sandbox, like the checkout's: not part of what the merchant signs.
        Lang lang = Lang.of(params.remove("lang"));
        String service = params.getOrDefault("service", "");
        boolean page = PAGE_SERVICES.contains(service);
        try {
            if (service.equals("notify_verify")) {
                ctx.contentType("text/plain; charset=UTF-8")
                        .result(String.valueOf(notifier.verify(params.get("partner"), params.get("notify_id"))));
                return;
            }
            if (!page && !XML_SERVICES.contains(service) && !CustomsEndpoint.SERVICES.contains(service)) {
                throw new MapiException(ErrorCode.ILLEGAL_SERVICE, "service '" + service + "' is not one of "
                        + String.join(", ", PAGE_SERVICES) + ", " + String.join(", ", XML_SERVICES) + ", "
                        + String.join(", ", CustomsEndpoint.SERVICES) + ", notify_verify");
            }
            Partner partner = site.partners.authenticate(params);
            switch (service) {
                case "create_forex_trade" -> cashier(ctx, params, partner, lang);
                case "create_forex_trade_wap" -> wap(ctx, params, partner, lang);
                case "single_trade_query" -> query(ctx, params, partner);
                case "forex_refund" -> refund(ctx, params, partner);
                case "close_trade" -> close(ctx, params, partner);
                case CustomsEndpoint.DECLARE, CustomsEndpoint.QUERY -> customs.handle(ctx, service, params, partner);
                default -> throw new IllegalStateException("unrouted service " + service);
            }
        } catch (MapiException e) {
            if (page) {
                Pages.message(ctx, 400, lang, "error", "errorTitle", e.detail(), e.code().name(), null, List.of());
            } else {
                xml(ctx, MapiXml.failure(e.code(), e.detail()));
            }
        } catch (RuntimeException e) {
            String ref = Pages.report(e);
            if (page) {
                Pages.systemError(ctx, lang, ref);
            } else {
                xml(ctx.status(500), MapiXml.failure(ErrorCode.SYSTEM_ERROR, "reference " + ref));
            }
        }
    }

    /**
     * {@code create_forex_trade}: the desktop cashier with the QR code, or with
     * {@code qr_pay_mode=4} the bare QR, {@code qrcode_width} pixels wide, for an iframe.
     */
    private void cashier(Context ctx, Map<String, String> params, Partner partner, Lang lang) throws MapiException {
        Fields f = new Fields(params);
        boolean embedded = "4".equals(f.oneOf("qr_pay_mode", "2", "4"));
        int width = (int) f.number("qrcode_width", 60, 1000, 200);
        OrderView order = site.ledger.open(OrderRequests.parse(params, partner));
        String walletUrl = site.walletUrl(ctx, order, lang);
        if (embedded) {
            Pages.send(ctx, 200, "qr", new QrPage(Pages.chrome(ctx, lang, "scanTitle"), Site.summary(order),
                    Qr.pngDataUri(walletUrl, width), width, site.statusPath(order), !order.payable()));
        } else if (!order.payable()) {
            site.finalPage(ctx, lang, order);
        } else {
            Pages.send(ctx, 200, "cashier", new CashierPage(Pages.chrome(ctx, lang, "scanTitle"), Site.summary(order),
                    Qr.pngDataUri(walletUrl, CASHIER_QR_PX), walletUrl, site.statusPath(order)));
        }
    }

    /** {@code create_forex_trade_wap}: the mobile page that hands over to the wallet. */
    private void wap(Context ctx, Map<String, String> params, Partner partner, Lang lang) throws MapiException {
        OrderView order = site.ledger.open(OrderRequests.parse(params, partner));
        if (!order.payable()) {
            site.finalPage(ctx, lang, order);
        } else {
            Pages.send(ctx, 200, "wap", new WapPage(Pages.chrome(ctx, lang, "confirmTitle"), Site.summary(order),
                    site.walletUrl(ctx, order, lang)));
        }
    }

    /** {@code single_trade_query} by {@code out_trade_no} or {@code trade_no}. */
    private void query(Context ctx, Map<String, String> params, Partner partner) throws MapiException {
        Fields f = new Fields(params);
        String outTradeNo = f.optional("out_trade_no", 64);
        String tradeNo = f.optional("trade_no", 64);
        if (outTradeNo == null && tradeNo == null) {
            throw Fields.illegal("out_trade_no", "or trade_no is required");
        }
        OrderView order = site.ledger.find(partner.partnerId(), outTradeNo, tradeNo)
                .orElseThrow(() -> new MapiException(ErrorCode.TRADE_NOT_EXIST, "no such trade for this partner"));
        xml(ctx, MapiXml.success(params, "trade", order.tradeFields(), site.signer, partner));
    }

    /** {@code forex_refund}: the amount in the trade's currency; partial refunds add up to the total. */
    private void refund(Context ctx, Map<String, String> params, Partner partner) throws MapiException {
        Fields f = new Fields(params);
        f.absent("return_rmb_amount", "is not supported by the sandbox: refund in the trade currency with return_amount");
        String outReturnNo = f.required("out_return_no", 64);
        String outTradeNo = f.required("out_trade_no", 64);
        Currency currency = f.currency("currency");
        long amount = f.amount("return_amount", currency);
        if (f.beijingTime("gmt_return") == null) {
            throw Fields.illegal("gmt_return", "is missing");
        }
        String reason = f.optional("reason", 256);
        Refund refund = site.ledger.refund(partner.partnerId(), outTradeNo, outReturnNo, amount, currency, reason);
        OrderView order = site.ledger.find(partner.partnerId(), outTradeNo, null).orElseThrow();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_return_no", refund.outReturnNo());
        fields.put("out_trade_no", outTradeNo);
        fields.put("trade_no", order.tradeNo());
        fields.put("return_amount", currency.toMajor(refund.amountMinor()));
        fields.put("currency", currency.name());
        fields.put("return_rmb_amount", Currency.CNY.toMajor(refund.cnyFen()));
        fields.put("exchange_rate", order.cnyRate().toPlainString());
        fields.put("gmt_refund", OrderView.beijing(refund.at()));
        xml(ctx, MapiXml.success(params, "refund", fields, site.signer, partner));
    }

    /** {@code close_trade}: an unpaid trade stops being payable; answers the trade as it now is. */
    private void close(Context ctx, Map<String, String> params, Partner partner) throws MapiException {
        Fields f = new Fields(params);
        String outTradeNo = f.optional("out_trade_no", 64);
        String tradeNo = f.optional("trade_no", 64);
        if (outTradeNo == null && tradeNo == null) {
            throw Fields.illegal("out_trade_no", "or trade_no is required");
        }
        OrderView order = site.ledger.close(partner.partnerId(), outTradeNo, tradeNo);
        xml(ctx, MapiXml.success(params, "trade", order.tradeFields(), site.signer, partner));
    }

    private static void xml(Context ctx, String body) {
        ctx.contentType(MapiXml.CONTENT_TYPE).result(body);
    }
}
