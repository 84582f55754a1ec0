package io.qfgate.client;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code /custom/v1/query} and, with {@code mchCustomsNo}, of
 * {@code POST /custom/v1/redeclare}: the declarations of payment {@code syssn} to {@code customs}.
 *
 * @param tradeType    {@code alipay} (the default)
 * @param subOrderNo   one sub-order, or null (query: all of them; redeclare: the unsplit order)
 * @param mchCustomsNo the merchant's customs number; redeclare requires it, query ignores it
 * @param mchid        the sub-merchant (agents' apps only), or null
 */
public record CustomsLookupRequest(String tradeType, String syssn, String customs, String subOrderNo,
        String mchCustomsNo, String mchid) {

    public CustomsLookupRequest {
        Objects.requireNonNull(tradeType, "tradeType");
        Objects.requireNonNull(syssn, "syssn");
        Objects.requireNonNull(customs, "customs");
    }

    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("trade_type", tradeType);
        p.put("syssn", syssn);
        p.put("customs", customs);
        Wire.putIfSet(p, "sub_order_no", subOrderNo);
        Wire.putIfSet(p, "mch_customs_no", mchCustomsNo);
        Wire.putIfSet(p, "mchid", mchid);
        return p;
    }

    public static final class Builder {
        private String tradeType = "alipay";
        private String syssn;
        private String customs;
        private String subOrderNo;
        private String mchCustomsNo;
        private String mchid;

        private Builder() {}

        public Builder tradeType(String tradeType) { this.tradeType = tradeType; return this; }
        public Builder syssn(String paymentSyssn) { this.syssn = paymentSyssn; return this; }
        public Builder customs(String customs) { this.customs = customs; return this; }
        public Builder subOrderNo(String subOrderNo) { this.subOrderNo = subOrderNo; return this; }
        public Builder mchCustomsNo(String mchCustomsNo) { this.mchCustomsNo = mchCustomsNo; return this; }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }

        public CustomsLookupRequest build() {
            return new CustomsLookupRequest(tradeType, syssn, customs, subOrderNo, mchCustomsNo, mchid);
        }
    }
}
