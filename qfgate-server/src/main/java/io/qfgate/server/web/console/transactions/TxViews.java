package io.qfgate.server.web.console.transactions;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionSearch;
import io.qfgate.server.web.Texts;
import io.qfgate.server.web.console.ConsolePages.Frame;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the portal's transaction templates show: one record per page. */
public final class TxViews {
    private TxViews() {}

    /** A transaction as the list shows it; {@code stateKey} and {@code typeKey} are text keys. */
    public record Row(String syssn, String time, String amount, String currency, String stateKey, String typeKey,
            String payType, String udid, String note) {

        static Row of(Transaction t) {
            return new Row(t.syssn(), at(t.sysdtm()), t.currency().toMajor(t.txamt()), t.currency().name(),
                    "state." + TransactionSearch.State.of(t).code(), t.isRefund() ? "type.refund" : "type.payment",
                    t.payType().code(), text(t.udid()), text(t.note()));
        }
    }

    /** The filters as the form shows them again: the request's own strings. */
    public record Filters(String from, String to, String payType, String state, String currency, String mchid,
            String q) {
        /** The filters as a query string (without {@code ?}), for links and the export. */
        public String query() {
            Map<String, String> all = new LinkedHashMap<>();
            all.put("from", from);
            all.put("to", to);
            all.put("pay_type", payType);
            all.put("state", state);
            all.put("currency", currency);
            all.put("mchid", mchid);
            all.put("q", q);
            StringBuilder s = new StringBuilder();
            all.forEach((k, v) -> {
                if (v != null && !v.isEmpty()) {
                    s.append(s.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
                }
            });
            return s.toString();
        }
    }

    /** A choice of a select: its value and its label (already translated or a code). */
    public record Option(String value, String label) {}

    /** The list page (and, for htmx, its results alone). {@code error} is a message, or null. */
    public record ListPage(Frame frame, Texts t, Filters filters, List<Option> payTypes, List<Option> states,
            List<Option> currencies, List<Option> merchants, List<Row> rows, String nextUrl, String csvUrl,
            String error) {}

    /** One line of the detail's fact list. */
    public record Fact(String label, String value) {}

    /** A refund of the payment shown. */
    public record RefundRow(String syssn, String time, String amount, String stateKey, String outTradeNo) {}

    /** A delivery attempt of the transaction's notification. */
    public record AttemptRow(String time, String status, String answer, String latency) {
        static AttemptRow of(Stores.Outbox.Attempt a) {
            String answer = a.answer() != null ? a.answer() : a.error() != null ? a.error() : "";
            return new AttemptRow(at(a.attemptedAt()), a.httpStatus() == null ? "–" : a.httpStatus().toString(),
                    answer, a.latencyMs() + " ms");
        }
    }

    /** The transaction's notification, if it has one. */
    public record Notice(String url, String stateKey, boolean failed, List<AttemptRow> attempts) {}

    /**
     * The detail page; the action flags say which forms the user's role and the transaction's state
     * allow. {@code message} is a text key saying what an action just did, or null.
     */
    public record DetailPage(Frame frame, Texts t, String syssn, String heading, List<Fact> facts, List<RefundRow> refunds,
            Notice notice, String note, boolean canRefund, String refundable, String currency, boolean canClose,
            boolean canNote, boolean canResend, String message) {}

    /** The refund's confirmation: the amount asked, what remains refundable, the form's one-time key. */
    public record ConfirmPage(Frame frame, Texts t, String syssn, String amount, long amountMinor, String refundable,
            String currency, String key) {}

    /** A refused or failed request: its heading key and the message (the service's words). */
    public record Problem(Frame frame, Texts t, String headingKey, String message, String back) {}

    static String at(LocalDateTime t) {
        return t == null ? "" : QfTime.format(t);
    }

    static String text(String s) {
        return s == null ? "" : s;
    }
}
