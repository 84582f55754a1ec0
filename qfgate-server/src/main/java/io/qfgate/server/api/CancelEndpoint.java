package io.qfgate.server.api;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.PaymentService;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import java.util.Map;

/**
 * {@code GET|POST /trade/v1/reversal} and {@code /trade/v1/close}: cancel a payment the shopper
 * has not paid. As in QFPay's example answer, {@code syssn} is the cancel's own number (stored
 * with the payment, so a repeated cancel answers the same) and {@code orig_syssn} the payment's.
 */
public final class CancelEndpoint implements SignedApi.Endpoint {
    private final PaymentService payments;

    public CancelEndpoint(PaymentService payments) {
        this.payments = payments;
    }

    @Override
    public Map<String, Object> handle(SignedApi.Call call) {
        Fields f = new Fields(call.params());
        String syssn = f.optional("syssn", 26);
        String outTradeNo = f.optional("out_trade_no", 128);
        if (syssn == null && outTradeNo == null) {
            throw Refusal.parameter("syssn", "required (or out_trade_no)");
        }
        long txamt = f.positiveInteger("txamt", 11);
        String txdtm = f.txdtm();
        PaymentService.Cancelled cancelled = payments.cancel(call.app(),
                new PaymentService.CancelRequest(syssn, outTradeNo, txamt, f.optional("mchid", 16)));
        Transaction closed = cancelled.order();

        Map<String, Object> a = SignedApi.success();
        a.put("orig_syssn", closed.syssn());
        a.put("syssn", cancelled.syssn());
        a.put("out_trade_no", closed.outTradeNo());
        a.put("txamt", Long.toString(closed.txamt()));
        a.put("txcurrcd", closed.currency().name());
        a.put("txdtm", txdtm);
        a.put("sysdtm", QfTime.format(closed.sysdtm()));
        a.put("chnlsn", "");
        return a;
    }
}
