package io.qfgate.sandbox.web;

import io.javalin.http.Context;
import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.customs.CustomsDesk;
import io.qfgate.sandbox.ledger.MapiException;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.ledger.TradeStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Alipay's customs services on {@code gateway.do}: {@code alipay.acquire.customs} takes a
 * declaration of a paid trade, {@code alipay.overseas.acquire.customs.query} reports it; what
 * customs decides is the {@link CustomsDesk}'s play. Business refusals answer
 * {@code result_code FAIL} with a {@code detail_error_code}, as Alipay's declare does.
 */
final class CustomsEndpoint {
    static final String DECLARE = "alipay.acquire.customs";
    static final String QUERY = "alipay.overseas.acquire.customs.query";
    static final List<String> SERVICES = List.of(DECLARE, QUERY);

    private final Site site;
    private final CustomsDesk desk;

    CustomsEndpoint(Site site, CustomsDesk desk) {
        this.site = site;
        this.desk = desk;
    }

    void handle(Context ctx, String service, Map<String, String> params, Partner partner) throws MapiException {
        if (service.equals(DECLARE)) {
            declare(ctx, params, partner);
        } else {
            query(ctx, params, partner);
        }
    }

    private void declare(Context ctx, Map<String, String> params, Partner partner) throws MapiException {
        Fields f = new Fields(params);
        String outRequestNo = outRequestNo(f.required("out_request_no", 32));
        boolean split = "T".equals(f.oneOf("is_split", "T", "F"));
        CustomsDesk.Terms terms = new CustomsDesk.Terms(
                f.required("trade_no", 64),
                f.required("merchant_customs_code", 20),
                f.required("merchant_customs_name", 256),
                f.amount("amount", Currency.CNY),
                f.required("customs_place", 20),
                split ? f.required("sub_out_biz_no", 64) : null);
        Optional<OrderView> trade = site.ledger.find(partner.partnerId(), null, terms.tradeNo());
        String refusal = trade.isEmpty() ? "TRADE_NOT_EXIST"
                : trade.get().status() != TradeStatus.TRADE_FINISHED ? "TRADE_STATUS_NOT_AVAILD"
                : terms.amountFen() > trade.get().cnyFen() - trade.get().refundedCnyFen() ? "AMOUNT_EXCEED"
                : null;
        Optional<CustomsDesk.Declaration> taken = refusal != null ? Optional.empty()
                : desk.declare(partner.partnerId(), outRequestNo, terms);
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_request_no", outRequestNo);
        fields.put("trade_no", terms.tradeNo());
        if (taken.isPresent()) {
            fields.put("result_code", "SUCCESS");
            fields.put("alipay_declare_no", taken.get().declareNo());
            fields.put("identity_check", "T");
        } else {
            fields.put("result_code", "FAIL");
            fields.put("detail_error_code", refusal != null ? refusal : "OUT_REQUEST_NO_USED_FOR_OTHER_TRADE");
            fields.put("detail_error_des", refusal != null ? "the trade cannot be declared for this amount"
                    : "out_request_no " + outRequestNo + " already declares another trade");
        }
        xml(ctx, MapiXml.success(params, "alipay", fields, site.signer, partner));
    }

    /**
     * One declaration per query (the gateway asks by its own {@code out_request_no}); one this
     * partner never declared is listed in {@code not_found}, as Alipay does.
     */
    private void query(Context ctx, Map<String, String> params, Partner partner) throws MapiException {
        String outRequestNo = outRequestNo(new Fields(params).required("out_request_nos", 329));
        Optional<CustomsDesk.Declaration> found = desk.query(partner.partnerId(), outRequestNo);
        if (found.isEmpty()) {
            xml(ctx, MapiXml.customsQuery(params, null, outRequestNo, site.signer, partner));
            return;
        }
        CustomsDesk.Declaration d = found.get();
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("out_request_no", d.outRequestNo());
        fields.put("trade_no", d.terms().tradeNo());
        fields.put("alipay_declare_no", d.declareNo());
        fields.put("merchant_customs_code", d.terms().merchantCustomsCode());
        fields.put("merchant_customs_name", d.terms().merchantCustomsName());
        fields.put("customs_place", d.terms().customsPlace());
        fields.put("amount", Currency.CNY.toMajor(d.terms().amountFen()));
        fields.put("status", d.status().name());
        fields.put("memo", d.memo());
        fields.put("last_modified_time", OrderView.beijing(d.modifiedAt()));
        xml(ctx, MapiXml.customsQuery(params, fields, null, site.signer, partner));
    }

    /** 6 to 32 of letters, digits, {@code _ - :}, as Alipay requires of declaration numbers. */
    private static String outRequestNo(String value) throws MapiException {
        if (!value.matches("[A-Za-z0-9_:-]{6,32}")) {
            throw Fields.illegal("out_request_no", "must be 6 to 32 letters, digits, '_', '-' or ':' (one per query)");
        }
        return value;
    }

    private static void xml(Context ctx, String body) {
        ctx.contentType(MapiXml.CONTENT_TYPE).result(body);
    }
}
