package io.qfgate.server.channel.alipay;

import io.qfgate.protocol.Currency;
import io.qfgate.server.domain.CustomsChannel.Outcome;
import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.Transaction;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Alipay's customs services over MAPI: {@code alipay.acquire.customs} sends a declaration,
 * {@code alipay.overseas.acquire.customs.query} tells what customs made of it. Both answers are
 * signed and checked like every MAPI answer ({@link MapiClient#call}). The query answers
 * {@code <alipay><result_code>SUCCESS</result_code><records><customs_declare>…</customs_declare>
 * </records></alipay>}, and lists a number Alipay does not know in {@code <not_found>}.
 */
final class AlipayCustoms {
    static final String DECLARE = "alipay.acquire.customs";
    static final String QUERY = "alipay.overseas.acquire.customs.query";

    private final MapiClient client;

    AlipayCustoms(MapiClient client) {
        this.client = client;
    }

    /**
     * Sends the declaration under its {@code out_request_no}, on which Alipay keeps one
     * declaration (sending it again re-pushes it to customs). Alipay's answer says only whether
     * it took the declaration; customs' verdict is then asked for.
     */
    Outcome declare(Transaction payment, CustomsDeclaration d) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("out_request_no", d.outRequestNo());
        params.put("trade_no", payment.receipt().chnlsn());
        params.put("merchant_customs_code", d.merchantCustomsNo());
        params.put("merchant_customs_name", d.merchantCustomsName());
        params.put("amount", Currency.CNY.toMajor(d.amount()));
        params.put("customs_place", d.customs());
        if (d.subOrderNo() != null) {
            params.put("is_split", "T");
            params.put("sub_out_biz_no", d.subOrderNo());
        }
        Map<String, String> answer;
        try {
            answer = client.call(DECLARE, params);
        } catch (MapiClient.MapiError e) {
            return new Outcome.Rejected("Alipay refused the declaration: " + e.getMessage());
        }
        if (!"SUCCESS".equals(answer.get("result_code"))) {
            return new Outcome.Rejected("Alipay refused the declaration: " + answer.get("detail_error_code")
                    + (answer.get("detail_error_des") == null ? "" : ": " + answer.get("detail_error_des")));
        }
        Outcome verdict = status(d);
        return verdict instanceof Outcome.Unknown ? new Outcome.Pending(answer.get("alipay_declare_no")) : verdict;
    }

    /** The declaration's record: {@code SUCCESS} accepted, {@code FAIL} rejected (with {@code memo}), else pending. */
    Outcome status(CustomsDeclaration d) {
        Map<String, String> record = client.call(QUERY, Map.of("out_request_nos", d.outRequestNo()));
        if (!"SUCCESS".equals(record.get("result_code"))) {
            throw new IllegalStateException("Alipay could not answer " + QUERY + ": " + record.get("detail_error_code"));
        }
        if (record.get("out_request_no") == null
                && Arrays.asList(String.valueOf(record.get("not_found")).split(",")).contains(d.outRequestNo())) {
            return new Outcome.Unknown();
        }
        if (!d.outRequestNo().equals(record.get("out_request_no"))) {
            throw new IllegalStateException("Alipay answer to " + QUERY + " is about out_request_no "
                    + record.get("out_request_no") + ", not " + d.outRequestNo());
        }
        String declareNo = record.get("alipay_declare_no");
        return switch (String.valueOf(record.get("status"))) {
            case "SUCCESS" -> new Outcome.Accepted(declareNo);
            case "FAIL" -> new Outcome.Rejected("customs rejected the declaration: " + record.get("memo"));
            default -> new Outcome.Pending(declareNo);
        };
    }
}
