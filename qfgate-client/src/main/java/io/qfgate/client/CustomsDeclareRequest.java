package io.qfgate.client;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code POST /custom/v1/declare}: declares a paid Alipay payment (or one sub-order
 * of a split order) to Chinese customs.
 *
 * @param tradeType      {@code alipay} (the default); qfgate refuses {@code weixin} with 1250
 * @param syssn          the payment to declare
 * @param customs        the customs office, e.g. {@code HANGZHOU}
 * @param mchCustomsNo   the merchant's customs registration number
 * @param mchCustomsName the merchant's customs record name
 * @param outRequestNo   a new number for this declaration (6 to 32 letters, digits, {@code _ - :})
 * @param amount         the declared amount in CNY yuan, at most what the shopper paid
 * @param subOrderNo     the sub-order of a split order, or null; then the three fees are required
 * @param orderFee       sub-order amount in fen, = productFee + transportFee; null unless split
 * @param productFee     goods in fen; null unless split
 * @param transportFee   shipping in fen; null unless split
 * @param mchid          the sub-merchant (agents' apps only), or null
 */
public record CustomsDeclareRequest(String tradeType, String syssn, String customs, String mchCustomsNo,
        String mchCustomsName, String outRequestNo, BigDecimal amount, String subOrderNo, Long orderFee,
        Long productFee, Long transportFee, String mchid) {

    public CustomsDeclareRequest {
        Objects.requireNonNull(tradeType, "tradeType");
        Objects.requireNonNull(syssn, "syssn");
        Objects.requireNonNull(customs, "customs");
        Objects.requireNonNull(mchCustomsNo, "mchCustomsNo");
        Objects.requireNonNull(mchCustomsName, "mchCustomsName");
        Objects.requireNonNull(outRequestNo, "outRequestNo");
        Objects.requireNonNull(amount, "amount");
    }

    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("trade_type", tradeType);
        p.put("syssn", syssn);
        p.put("customs", customs);
        p.put("mch_customs_no", mchCustomsNo);
        p.put("mch_customs_name", mchCustomsName);
        p.put("out_request_no", outRequestNo);
        p.put("amount", amount.setScale(2).toPlainString());
        Wire.putIfSet(p, "sub_order_no", subOrderNo);
        Wire.putIfSet(p, "order_fee", orderFee == null ? null : orderFee.toString());
        Wire.putIfSet(p, "product_fee", productFee == null ? null : productFee.toString());
        Wire.putIfSet(p, "transport_fee", transportFee == null ? null : transportFee.toString());
        Wire.putIfSet(p, "mchid", mchid);
        return p;
    }

    public static final class Builder {
        private String tradeType = "alipay";
        private String syssn;
        private String customs;
        private String mchCustomsNo;
        private String mchCustomsName;
        private String outRequestNo;
        private BigDecimal amount;
        private String subOrderNo;
        private Long orderFee;
        private Long productFee;
        private Long transportFee;
        private String mchid;

        private Builder() {}

        public Builder tradeType(String tradeType) { this.tradeType = tradeType; return this; }
        public Builder syssn(String paymentSyssn) { this.syssn = paymentSyssn; return this; }
        public Builder customs(String customs) { this.customs = customs; return this; }
        public Builder mchCustomsNo(String mchCustomsNo) { this.mchCustomsNo = mchCustomsNo; return this; }
        public Builder mchCustomsName(String mchCustomsName) { this.mchCustomsName = mchCustomsName; return this; }
        public Builder outRequestNo(String outRequestNo) { this.outRequestNo = outRequestNo; return this; }
        /** In CNY yuan, e.g. {@code new BigDecimal("2.00")}. */
        public Builder amount(BigDecimal yuan) { this.amount = yuan; return this; }
        /** A sub-order of a split order, with its fees in fen ({@code orderFee = productFee + transportFee}). */
        public Builder subOrder(String subOrderNo, long orderFee, long productFee, long transportFee) {
            this.subOrderNo = subOrderNo;
            this.orderFee = orderFee;
            this.productFee = productFee;
            this.transportFee = transportFee;
            return this;
        }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }

        public CustomsDeclareRequest build() {
            return new CustomsDeclareRequest(tradeType, syssn, customs, mchCustomsNo, mchCustomsName, outRequestNo,
                    amount, subOrderNo, orderFee, productFee, transportFee, mchid);
        }
    }
}
