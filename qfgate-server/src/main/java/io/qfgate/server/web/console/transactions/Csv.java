package io.qfgate.server.web.console.transactions;

import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionSearch;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;

/**
 * Transactions as CSV (RFC 4180): a header row, then one row per transaction, written as it comes.
 * A cell a spreadsheet would read as a formula (starting with {@code = + - @}, or a tab or carriage
 * return) gets a leading {@code '}, so a shopper's text never runs in the merchant's spreadsheet.
 */
final class Csv {
    static final List<String> HEADER = List.of("time", "syssn", "out_trade_no", "order_type", "orig_syssn",
            "pay_type", "state", "respcd", "currency", "amount_minor", "amount", "refunded_minor", "udid",
            "goods_name", "chnlsn", "note");

    private final Writer out;

    Csv(Writer out) {
        this.out = out;
    }

    void header() {
        line(HEADER);
    }

    void row(Transaction t) {
        line(List.of(TxViews.at(t.sysdtm()), t.syssn(), t.outTradeNo(), t.orderType().dbName(),
                TxViews.text(t.origSyssn()), t.payType().code(), TransactionSearch.State.of(t).code(),
                t.respcd().code(), t.currency().name(), Long.toString(t.txamt()), t.currency().toMajor(t.txamt()),
                Long.toString(t.refundedAmount()), TxViews.text(t.udid()), TxViews.text(t.goodsName()),
                t.receipt() == null ? "" : TxViews.text(t.receipt().chnlsn()), TxViews.text(t.note())));
    }

    private void line(List<String> cells) {
        try {
            for (int i = 0; i < cells.size(); i++) {
                if (i > 0) {
                    out.write(',');
                }
                out.write(cell(cells.get(i)));
            }
            out.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One cell: defused if it could be a formula, quoted if it holds a comma, quote or line break. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            v = '"' + v.replace("\"", "\"\"") + '"';
        }
        return v;
    }
}
