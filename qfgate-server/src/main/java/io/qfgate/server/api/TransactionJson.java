package io.qfgate.server.api;

import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Transactions in QFPay's words: flat objects whose values are all strings, absent values empty.
 * A payment's {@code cash_fee} is what the wallet paid in its currency; a refund's
 * {@code cash_refund_fee} is what went back to it.
 */
final class TransactionJson {
    private TransactionJson() {}

    /** One element of {@code /trade/v1/query}'s {@code data}. */
    static Map<String, Object> row(Transaction t) {
        Map<String, Object> r = new LinkedHashMap<>();
        Receipt receipt = t.receipt();
        r.put("syssn", t.syssn());
        r.put("out_trade_no", t.outTradeNo());
        r.put("chnlsn", receipt == null ? "" : text(receipt.chnlsn()));
        r.put("goods_name", text(t.goodsName()));
        r.put("goods_info", text(t.goodsInfo()));
        r.put("txcurrcd", t.currency().name());
        r.put("pay_type", t.payType().code());
        r.put("order_type", t.orderType().dbName());
        r.put("txdtm", t.txdtm());
        r.put("txamt", Long.toString(t.txamt()));
        r.put("sysdtm", QfTime.format(t.sysdtm()));
        r.put("paydtm", receipt == null ? "" : time(receipt.paydtm()));
        r.put("udid", text(t.udid()));
        r.put("cancel", Integer.toString(t.cancel()));
        r.put("respcd", t.respcd().code());
        r.put("errmsg", errmsg(t));
        r.put("origssn", text(t.origSyssn()));
        r.put("exchange_rate", receipt == null ? "" : text(receipt.exchangeRate()));
        putCash(r, t);
        r.put("note", text(t.note()));
        return r;
    }

    /** {@code cash_fee…} (payments) or {@code cash_refund_fee…} (refunds), the other pair empty. */
    static void putCash(Map<String, Object> r, Transaction t) {
        Receipt receipt = t.receipt();
        String amount = receipt == null || receipt.cashFee() == null ? "" : Long.toString(receipt.cashFee());
        String currency = receipt == null || receipt.cashFeeType() == null ? "" : receipt.cashFeeType().name();
        r.put("cash_fee", t.isRefund() ? "" : amount);
        r.put("cash_fee_type", t.isRefund() ? "" : currency);
        r.put("cash_refund_fee", t.isRefund() ? amount : "");
        r.put("cash_refund_fee_type", t.isRefund() ? currency : "");
    }

    /** Why a transaction is not successful, in English; empty when it is. */
    static String errmsg(Transaction t) {
        if (t.errmsg() != null) {
            return t.errmsg();
        }
        return t.respcd() == Respcd.SUCCESS ? "" : t.respcd().meaning();
    }

    static String text(String s) {
        return s == null ? "" : s;
    }

    static String time(LocalDateTime t) {
        return t == null ? "" : QfTime.format(t);
    }
}
