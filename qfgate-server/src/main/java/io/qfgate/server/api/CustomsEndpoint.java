package io.qfgate.server.api;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.CustomsLookup;
import io.qfgate.server.domain.CustomsService;
import io.qfgate.server.domain.CustomsState;
import io.qfgate.server.domain.NewDeclaration;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.SubOrderFees;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /custom/v1/declare}, {@code /custom/v1/query} and {@code /custom/v1/redeclare}:
 * declarations of Alipay payments to Chinese customs. {@code respcd} is the declaration's state:
 * 0000 accepted, 1145 still with customs (query again), 1205 rejected (the reason in
 * {@code resperr}).
 */
public final class CustomsEndpoint {
    /** What customs sees as the verifying party of an Alipay declaration. */
    static final String VERIFY_DEPARTMENT = "ALIPAY";
    /** Alipay's rule for declaration numbers: 6 to 32 of letters, digits, {@code _ - :}. */
    private static final String OUT_REQUEST_NO = "[A-Za-z0-9_:-]{6,32}";
    private static final String CNY_AMOUNT = "\\d{1,10}(\\.\\d{1,2})?";

    private final CustomsService customs;

    public CustomsEndpoint(CustomsService customs) {
        this.customs = customs;
    }

    public SignedApi.Endpoint declare() {
        return call -> {
            Fields f = new Fields(call.params());
            requireAlipay(f);
            String subOrderNo = f.optional("sub_order_no", 64);
            NewDeclaration request = new NewDeclaration(
                    f.optional("mchid", 16),
                    f.required("syssn", 32),
                    f.required("customs", 20),
                    f.required("mch_customs_no", 20),
                    f.required("mch_customs_name", 256),
                    outRequestNo(f),
                    cnyAmount(f),
                    subOrderNo,
                    fees(f, subOrderNo));
            return answer(customs.declare(call.app(), request));
        };
    }

    public SignedApi.Endpoint query() {
        return call -> {
            Fields f = new Fields(call.params());
            requireAlipay(f);
            List<CustomsDeclaration> found = customs.query(call.app(), lookup(f));
            CustomsState overall = found.stream().anyMatch(d -> d.state() == CustomsState.PENDING) ? CustomsState.PENDING
                    : found.stream().anyMatch(d -> d.state() == CustomsState.REJECTED) ? CustomsState.REJECTED
                    : CustomsState.ACCEPTED;
            Map<String, Object> a = head(overall.respcd(), overall == CustomsState.ACCEPTED ? "success"
                    : overall == CustomsState.PENDING ? "a declaration is still with customs: query again"
                    : "a declaration was rejected: see data");
            a.put("syssn", found.getFirst().paymentSyssn());
            a.put("data", found.stream().map(CustomsEndpoint::row).toList());
            return a;
        };
    }

    public SignedApi.Endpoint redeclare() {
        return call -> {
            Fields f = new Fields(call.params());
            requireAlipay(f);
            return answer(customs.redeclare(call.app(), lookup(f), f.required("mch_customs_no", 20)));
        };
    }

    /** {@code trade_type}: this gateway carries Alipay only, so a WeChat declaration is forbidden (1250). */
    private static void requireAlipay(Fields f) {
        String tradeType = f.required("trade_type", 8);
        if (tradeType.equals("weixin")) {
            throw new Refusal(Respcd.TRANSACTION_FORBIDDEN,
                    "trade_type: weixin cannot be declared here, this gateway carries no WeChat Pay channel");
        }
        if (!tradeType.equals("alipay")) {
            throw Refusal.parameter("trade_type", "must be alipay or weixin, got " + tradeType);
        }
    }

    private static CustomsLookup lookup(Fields f) {
        return new CustomsLookup(f.optional("mchid", 16), f.required("syssn", 32), f.required("customs", 20),
                f.optional("sub_order_no", 64));
    }

    private static String outRequestNo(Fields f) {
        String value = f.required("out_request_no", 32);
        if (!value.matches(OUT_REQUEST_NO)) {
            throw Refusal.parameter("out_request_no", "must be 6 to 32 letters, digits, '_', '-' or ':' (Alipay's rule)");
        }
        return value;
    }

    /** {@code amount} in CNY yuan with at most two decimals, e.g. {@code 2.00}; as fen. */
    private static long cnyAmount(Fields f) {
        String text = f.required("amount", 20);
        if (!text.matches(CNY_AMOUNT) || Currency.CNY.toMinor(text) <= 0) {
            throw Refusal.parameter("amount", "must be a positive CNY amount like 2.00, got " + text);
        }
        return Currency.CNY.toMinor(text);
    }

    /** A split order's fees in fen, required with {@code sub_order_no} and refused without it. */
    private static SubOrderFees fees(Fields f, String subOrderNo) {
        if (subOrderNo == null) {
            for (String name : List.of("order_fee", "product_fee", "transport_fee")) {
                if (f.optional(name, 8) != null) {
                    throw Refusal.parameter(name, "is only for a split order: send sub_order_no with it");
                }
            }
            return null;
        }
        return new SubOrderFees(fen(f, "order_fee"), fen(f, "product_fee"), fen(f, "transport_fee"));
    }

    private static long fen(Fields f, String name) {
        String text = f.required(name, 8);
        if (!text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw Refusal.parameter(name, "must be a whole number of fen (0.01 CNY), got " + text);
        }
        return Long.parseLong(text);
    }

    private static Map<String, Object> answer(CustomsDeclaration d) {
        Map<String, Object> a = head(d.state().respcd(), resperr(d));
        a.put("syssn", d.paymentSyssn());
        a.put("out_request_no", d.outRequestNo());
        a.put("sub_order_no", text(d.subOrderNo()));
        a.put("verify_department", VERIFY_DEPARTMENT);
        a.put("verify_department_trade_id", text(d.declareNo()));
        return a;
    }

    private static Map<String, Object> row(CustomsDeclaration d) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("respcd", d.state().respcd().code());
        r.put("resperr", resperr(d));
        r.put("errmsg", d.reason());
        r.put("sub_order_no", text(d.subOrderNo()));
        r.put("out_request_no", d.outRequestNo());
        r.put("customs", d.customs());
        r.put("amount", Currency.CNY.toMajor(d.amount()));
        r.put("verify_department", VERIFY_DEPARTMENT);
        r.put("verify_department_trade_id", text(d.declareNo()));
        return r;
    }

    private static String resperr(CustomsDeclaration d) {
        return switch (d.state()) {
            case ACCEPTED -> "success";
            case PENDING -> "declared; customs has not decided yet, query again";
            case REJECTED -> d.reason();
        };
    }

    private static Map<String, Object> head(Respcd respcd, String resperr) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("respcd", respcd.code());
        a.put("resperr", resperr);
        a.put("respmsg", respcd.meaning());
        return a;
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
