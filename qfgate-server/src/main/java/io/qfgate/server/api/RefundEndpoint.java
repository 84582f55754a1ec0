package io.qfgate.server.api;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.NewRefund;
import io.qfgate.server.domain.NotifyTargets;
import io.qfgate.server.domain.RefundService;
import io.qfgate.server.domain.Transaction;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code POST /trade/v1/refund}. The answer is the refund transaction: {@code respcd} 0000 when
 * refunded, 1145 while the channel's answer is awaited (query it later), 1155 if refused.
 */
public final class RefundEndpoint implements SignedApi.Endpoint {
    private final RefundService refunds;
    private final NotifyTargets targets;

    /** @param targets where this node delivers notifications: a notify_url it would refuse is refused here */
    public RefundEndpoint(RefundService refunds, NotifyTargets targets) {
        this.refunds = refunds;
        this.targets = targets;
    }

    @Override
    public Map<String, Object> handle(SignedApi.Call call) {
        Fields f = new Fields(call.params());
        NewRefund request = new NewRefund(
                f.required("syssn", 26),
                f.required("out_trade_no", 128),
                f.positiveInteger("txamt", 11),
                f.txdtm(),
                f.txzone(),
                f.optional("mchid", 16),
                f.optional("udid", 40),
                f.optionalNotifyUrl("notify_url", 256, targets));
        Transaction refund = refunds.refund(call.app(), request);

        Map<String, Object> a = new LinkedHashMap<>();
        a.put("respcd", refund.respcd().code());
        a.put("resperr", refund.respcd().code().equals("0000") ? "success" : TransactionJson.errmsg(refund));
        a.put("respmsg", "");
        a.put("syssn", refund.syssn());
        a.put("orig_syssn", refund.origSyssn());
        a.put("out_trade_no", refund.outTradeNo());
        a.put("txamt", Long.toString(refund.txamt()));
        a.put("txcurrcd", refund.currency().name());
        a.put("sysdtm", QfTime.format(refund.sysdtm()));
        a.put("txdtm", refund.txdtm());
        a.put("paydtm", refund.receipt() == null ? "" : TransactionJson.time(refund.receipt().paydtm()));
        a.put("udid", TransactionJson.text(refund.udid()));
        a.put("chnlsn", refund.receipt() == null ? "" : TransactionJson.text(refund.receipt().chnlsn()));
        a.put("cardcd", refund.receipt() == null ? "" : TransactionJson.text(refund.receipt().cardcd()));
        TransactionJson.putCash(a, refund);
        return a;
    }
}
