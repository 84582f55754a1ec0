package io.qfgate.server.web.console.transactions;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.PortalTransactions;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionSearch;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import java.util.ArrayList;
import java.util.List;

/** The detail page's content: every field the query API answers, and what the user may do. */
final class Details {
    private Details() {}

    static TxViews.DetailPage page(Frame frame, Texts t, ConsoleAccount user, boolean mayNote,
            PortalTransactions.Detail d, String messageKey) {
        Transaction tx = d.transaction();
        boolean acts = PortalTransactions.mayAct(user);
        TxViews.Notice notice = d.notice().map(n -> new TxViews.Notice(n.url(), "notice." + n.state().code(),
                n.state() == NoticeState.FAILED, d.attempts().stream().map(TxViews.AttemptRow::of).toList()))
                .orElse(null);
        List<TxViews.RefundRow> refunds = d.refunds().stream().map(r -> new TxViews.RefundRow(r.syssn(),
                TxViews.at(r.sysdtm()), r.currency().toMajor(r.txamt()) + " " + r.currency().name(),
                "state." + TransactionSearch.State.of(r).code(), r.outTradeNo())).toList();
        return new TxViews.DetailPage(frame, t, tx.syssn(), tx.currency().toMajor(tx.txamt()) + " " + tx.currency().name(),
                facts(t, d), refunds, notice, TxViews.text(tx.note()), acts && tx.refundable() > 0,
                tx.currency().toMajor(tx.refundable()), tx.currency().name(), acts && tx.isPending() && !tx.isRefund(),
                mayNote, acts && notice != null && notice.failed(), messageKey);
    }

    /** The query API's fields, in its order, labelled for people. */
    private static List<TxViews.Fact> facts(Texts t, PortalTransactions.Detail d) {
        Transaction tx = d.transaction();
        Receipt r = tx.receipt();
        List<TxViews.Fact> f = new ArrayList<>();
        add(f, t, "f.state", t.get("state." + TransactionSearch.State.of(tx).code()));
        add(f, t, "f.merchant", d.merchant().name() + (d.merchant().mchid() == null ? "" : " (" + d.merchant().mchid() + ")"));
        add(f, t, "f.syssn", tx.syssn());
        add(f, t, "f.out_trade_no", tx.outTradeNo());
        add(f, t, "f.chnlsn", r == null ? "" : r.chnlsn());
        add(f, t, "f.goods_name", tx.goodsName());
        add(f, t, "f.goods_info", tx.goodsInfo());
        add(f, t, "f.txcurrcd", tx.currency().name());
        add(f, t, "f.pay_type", tx.payType().code() + " " + tx.payType().description());
        add(f, t, "f.order_type", t.get(tx.isRefund() ? "type.refund" : "type.payment"));
        add(f, t, "f.txdtm", tx.txdtm());
        add(f, t, "f.txamt", tx.txamt() + " (" + tx.currency().toMajor(tx.txamt()) + " " + tx.currency().name() + ")");
        add(f, t, "f.refunded", tx.isRefund() ? "" : tx.currency().toMajor(tx.refundedAmount()));
        add(f, t, "f.sysdtm", QfTime.format(tx.sysdtm()));
        add(f, t, "f.paydtm", r == null ? "" : TxViews.at(r.paydtm()));
        add(f, t, "f.udid", tx.udid());
        add(f, t, "f.cancel", Integer.toString(tx.cancel()));
        add(f, t, "f.respcd", tx.respcd().code() + " " + (tx.errmsg() != null ? tx.errmsg() : tx.respcd().meaning()));
        add(f, t, "f.origssn", tx.origSyssn());
        add(f, t, "f.exchange_rate", r == null ? "" : r.exchangeRate());
        add(f, t, tx.isRefund() ? "f.cash_refund_fee" : "f.cash_fee", r == null || r.cashFee() == null ? ""
                : r.cashFee() + " " + (r.cashFeeType() == null ? "" : r.cashFeeType().name()));
        return f;
    }

    private static void add(List<TxViews.Fact> facts, Texts t, String key, String value) {
        facts.add(new TxViews.Fact(t.get(key), value == null || value.isEmpty() ? "–" : value));
    }
}
