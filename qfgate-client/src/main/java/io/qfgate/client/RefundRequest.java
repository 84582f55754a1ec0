package io.qfgate.client;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code POST /trade/v1/refund}: a full or partial refund of a successful payment.
 * The refunds of one payment may add up to its amount ({@code 1272} beyond that); the gateway
 * enforces the rules and names a violation in {@code resperr}.
 *
 * @param syssn      the payment to refund
 * @param outTradeNo a new number for this refund, unique across the app's payments and refunds;
 *                   resending the same refund with it is safe (the gateway returns the first answer)
 * @param txamt      the amount of this refund in minor units
 * @param txdtm      the merchant's local time of the request
 * @param mchid      the sub-merchant (agents' apps only), or null
 * @param udid       device id shown in the portal, or null
 */
public record RefundRequest(String syssn, String outTradeNo, long txamt, LocalDateTime txdtm, String mchid, String udid) {

    public RefundRequest {
        Objects.requireNonNull(syssn, "syssn");
        Objects.requireNonNull(outTradeNo, "outTradeNo");
        Objects.requireNonNull(txdtm, "txdtm");
    }

    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> toParams() {
        return Wire.orderParams(syssn, outTradeNo, txamt, txdtm, mchid, udid);
    }

    public static final class Builder {
        private String syssn;
        private String outTradeNo;
        private long txamt;
        private LocalDateTime txdtm;
        private String mchid;
        private String udid;

        private Builder() {}

        public Builder syssn(String paymentSyssn) { this.syssn = paymentSyssn; return this; }
        public Builder outTradeNo(String refundOutTradeNo) { this.outTradeNo = refundOutTradeNo; return this; }
        public Builder txamt(long minorUnits) { this.txamt = minorUnits; return this; }
        public Builder txdtm(LocalDateTime txdtm) { this.txdtm = txdtm; return this; }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }
        public Builder udid(String udid) { this.udid = udid; return this; }

        public RefundRequest build() {
            return new RefundRequest(syssn, outTradeNo, txamt, txdtm, mchid, udid);
        }
    }
}
