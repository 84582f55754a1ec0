package io.qfgate.sandbox.web;

import io.qfgate.protocol.Currency;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.MapiException;
import io.qfgate.sandbox.ledger.OrderTerms;
import java.time.Duration;
import java.util.Map;

/** The parameters of {@code create_forex_trade} and {@code create_forex_trade_wap}. */
final class OrderRequests {
    private OrderRequests() {}

    /** Alipay's default when no validity is given: {@code timeout_rule} 12h. */
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    /** Alipay's longest {@code timeout_rule}, 15 days. */
    static final long MAX_VALIDITY_SECONDS = Duration.ofDays(15).toSeconds();

    static OrderTerms parse(Map<String, String> params, Partner partner) throws MapiException {
        Fields f = new Fields(params);
        f.absent("rmb_fee", "is not supported by the sandbox: price the order in its currency with total_fee");
        Currency currency = f.currency("currency");
        long totalMinor = f.amount("total_fee", currency);
        String secondaryName = f.optional("secondary_merchant_name", 128);
        String industry = f.optional("secondary_merchant_industry", 4);
        if (industry != null && !industry.matches("\\d{4}")) {
            throw Fields.illegal("secondary_merchant_industry", "must be a 4-digit MCC");
        }
        return new OrderTerms(
                partner.partnerId(),
                f.required("out_trade_no", 64),
                f.required("subject", 256),
                f.optional("body", 400),
                currency,
                totalMinor,
                f.url("notify_url", 200),
                f.url("return_url", 200),
                secondaryName != null ? secondaryName : partner.merchantName(),
                f.optional("secondary_merchant_id", 64),
                industry,
                f.oneOf("product_code", "NEW_OVERSEAS_SELLER", "NEW_WAP_OVERSEAS_SELLER"),
                f.oneOf("payment_inst", "ALIPAYCN", "ALIPAYHK"),
                Duration.ofSeconds(f.number("order_valid_time", 1, MAX_VALIDITY_SECONDS,
                        DEFAULT_VALIDITY.toSeconds())),
                f.beijingTime("order_gmt_create"));
    }
}
