package io.qfgate.client;

import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parameters of {@code POST /trade/v1/query}; every one is optional and only set ones are sent.
 * Without any, the gateway lists the current month's first page.
 *
 * @param syssn      transactions by the gateway's number (sent comma-joined); the time range is then ignored
 * @param outTradeNo transactions by the merchant's number (sent comma-joined)
 * @param payType    pay type codes (sent comma-joined)
 * @param respcd     only transactions in this state, e.g. {@code 0000}
 * @param startTime  start of a {@code sysdtm} range at most one calendar month long (gateway default:
 *                   the current month); sent as {@code yyyy-MM-dd HH:mm:ss}
 * @param endTime    end of that range
 * @param page       1-based page number (gateway default 1)
 * @param pageSize   transactions per page (gateway default 10, at most 100)
 * @param mchid      the sub-merchant (agents' apps only), or null
 */
public record QueryRequest(
        List<String> syssn,
        List<String> outTradeNo,
        List<String> payType,
        String respcd,
        LocalDateTime startTime,
        LocalDateTime endTime,
        Integer page,
        Integer pageSize,
        String mchid) {

    public QueryRequest {
        syssn = listParam(syssn, "syssn");
        outTradeNo = listParam(outTradeNo, "outTradeNo");
        payType = listParam(payType, "payType");
    }

    /** A comma inside one value would silently become two values on the gateway's side. */
    private static List<String> listParam(List<String> values, String name) {
        List<String> copy = values == null ? List.of() : List.copyOf(values); // also refuses null elements
        for (String v : copy) {
            if (v.isEmpty() || v.indexOf(',') >= 0) {
                throw new IllegalArgumentException(name + " value '" + v + "' is empty or contains a comma");
            }
        }
        return copy;
    }

    public static Builder builder() {
        return new Builder();
    }

    Map<String, String> toParams() {
        Map<String, String> p = new LinkedHashMap<>();
        Wire.putIfSet(p, "syssn", joined(syssn));
        Wire.putIfSet(p, "out_trade_no", joined(outTradeNo));
        Wire.putIfSet(p, "pay_type", joined(payType));
        Wire.putIfSet(p, "respcd", respcd);
        Wire.putIfSet(p, "start_time", startTime == null ? null : QfTime.format(startTime));
        Wire.putIfSet(p, "end_time", endTime == null ? null : QfTime.format(endTime));
        Wire.putIfSet(p, "page", page == null ? null : page.toString());
        Wire.putIfSet(p, "page_size", pageSize == null ? null : pageSize.toString());
        Wire.putIfSet(p, "mchid", mchid);
        return p;
    }

    private static String joined(List<String> values) {
        return values.isEmpty() ? null : String.join(",", values);
    }

    public static final class Builder {
        private final List<String> syssn = new ArrayList<>();
        private final List<String> outTradeNo = new ArrayList<>();
        private final List<String> payType = new ArrayList<>();
        private String respcd;
        private LocalDateTime startTime;
        private LocalDateTime endTime;
        private Integer page;
        private Integer pageSize;
        private String mchid;

        private Builder() {}

        /** Adds transactions to look up; repeated calls accumulate. */
        public Builder syssn(String... syssn) { return syssn(Arrays.asList(syssn)); }
        public Builder syssn(Collection<String> syssn) { this.syssn.addAll(syssn); return this; }
        public Builder outTradeNo(String... outTradeNo) { return outTradeNo(Arrays.asList(outTradeNo)); }
        public Builder outTradeNo(Collection<String> outTradeNo) { this.outTradeNo.addAll(outTradeNo); return this; }
        public Builder payType(String... codes) { this.payType.addAll(Arrays.asList(codes)); return this; }
        public Builder payType(PayType... types) { Arrays.stream(types).map(PayType::code).forEach(payType::add); return this; }
        public Builder respcd(String respcd) { this.respcd = respcd; return this; }
        public Builder respcd(Respcd respcd) { this.respcd = respcd.code(); return this; }
        public Builder startTime(LocalDateTime startTime) { this.startTime = startTime; return this; }
        public Builder endTime(LocalDateTime endTime) { this.endTime = endTime; return this; }
        public Builder page(Integer page) { this.page = page; return this; }
        public Builder pageSize(Integer pageSize) { this.pageSize = pageSize; return this; }
        public Builder mchid(String mchid) { this.mchid = mchid; return this; }

        public QueryRequest build() {
            return new QueryRequest(syssn, outTradeNo, payType, respcd, startTime, endTime, page, pageSize, mchid);
        }
    }
}
