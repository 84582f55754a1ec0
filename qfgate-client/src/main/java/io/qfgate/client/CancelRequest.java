package io.qfgate.client;

import java.time.LocalDateTime;
import java.util.Map;
import java.util.Objects;

/**
 * Parameters of {@code /trade/v1/reversal} and {@code /trade/v1/close}: cancel an order that has
 * not been paid. A paid order cannot be cancelled (refund it); HK pay types cannot be cancelled.
 *
 * @param syssn      the order by the gateway's number; this or {@code outTradeNo} (or both) must be set
 * @param outTradeNo the order by the merchant's number
 * @param txamt      the order's amount in minor units
 * @param txdtm      the merchant's local time of the request
 * @param mchid      the sub-merchant (agents' apps only), or null
 * @param udid       device id shown in the portal, or null
 */
public record CancelRequest(String syssn, String outTradeNo, long txamt, LocalDateTime txdtm, String mchid, String udid) {

    public CancelRequest {
        if (syssn == null && outTradeNo == null) {
            throw new IllegalArgumentException("syssn or outTradeNo is required to name the order");
        }
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

        public Builder syssn(String syssn) { this.syssn = syssn; return this; }
        public Builder outTradeNo(String outTradeNo) { this.outTradeNo = outTradeNo; return this; }
        public Builder txamt(long minorUnits) { this.txamt = minorUnits; return this; }
        public Builder txdtm(LocalDateTime txdtm) { this.txdtm = txdtm; return this; }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }
        public Builder udid(String udid) { this.udid = udid; return this; }

        public CancelRequest build() {
            return new CancelRequest(syssn, outTradeNo, txamt, txdtm, mchid, udid);
        }
    }
}
