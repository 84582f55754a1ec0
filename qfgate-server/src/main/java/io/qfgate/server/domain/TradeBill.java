package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A day's statement: a zip holding one CSV with a row per transaction of that day (for an agent,
 * of all its sub-merchants, with their {@code mchid}) and, at the end, per-currency totals of what
 * succeeded. The API's {@code trade_bill} and the portal's download send the same bytes: the zip
 * entry's time is the day's start, not the time of writing. The CSV opens in a spreadsheet: UTF-8
 * with a byte-order mark, CRLF lines, quoted fields, and merchant text that starts like a formula
 * made inert.
 */
public final class TradeBill {
    public static final List<String> COLUMNS = List.of("syssn", "out_trade_no", "mchid", "order_type", "origssn",
            "pay_type", "txcurrcd", "txamt", "amount", "sysdtm", "paydtm", "respcd", "cancel", "chnlsn", "cardcd",
            "cash_fee", "cash_fee_type", "goods_name", "udid", "note");

    private final TransactionQueries queries;

    public TradeBill(TransactionQueries queries) {
        this.queries = queries;
    }

    /** The zip's name without {@code .zip}, and its CSV's without {@code .csv}. */
    public static String name(LocalDate date) {
        return "trade_bill_" + date;
    }

    /** Writes the day's zip to {@code out} row by row as the database sends them; refused as the API refuses a bad mchid. */
    public void write(App app, String mchid, LocalDate date, OutputStream out) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            ZipEntry entry = new ZipEntry(name(date) + ".csv");
            entry.setTimeLocal(date.atStartOfDay());
            zip.putNextEntry(entry);
            Writer csv = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
            Statement statement = new Statement(csv);
            queries.day(app, mchid, date, statement::row);
            statement.finish();
            csv.flush();
            zip.closeEntry();
        }
    }

    /** The CSV being written: a header, a line per transaction, then per-currency totals of what succeeded. */
    private static final class Statement {
        private final Writer out;
        private final Map<Currency, long[]> totals = new TreeMap<>(); // payments count, sum, refunds count, sum

        Statement(Writer out) {
            this.out = out;
            write("\uFEFF");
            line(COLUMNS);
        }

        void row(TransactionQueries.StatementRow row) {
            Transaction t = row.transaction();
            Receipt receipt = t.receipt();
            line(List.of(t.syssn(), t.outTradeNo(), row.mchid(), t.orderType().dbName(), text(t.origSyssn()),
                    t.payType().code(), t.currency().name(), Long.toString(t.txamt()), t.currency().toMajor(t.txamt()),
                    QfTime.format(t.sysdtm()), receipt == null ? "" : time(receipt.paydtm()),
                    t.respcd().code(), Integer.toString(t.cancel()),
                    receipt == null ? "" : text(receipt.chnlsn()),
                    receipt == null ? "" : text(receipt.cardcd()),
                    receipt == null || receipt.cashFee() == null ? "" : Long.toString(receipt.cashFee()),
                    receipt == null || receipt.cashFeeType() == null ? "" : receipt.cashFeeType().name(),
                    text(t.goodsName()), text(t.udid()), text(t.note())));
            if (t.respcd() == Respcd.SUCCESS) {
                long[] sums = totals.computeIfAbsent(t.currency(), c -> new long[4]);
                int at = t.isRefund() ? 2 : 0;
                sums[at]++;
                sums[at + 1] += t.txamt();
            }
        }

        void finish() {
            line(List.of());
            line(List.of("total", "txcurrcd", "payments", "payment_amount", "refunds", "refund_amount", "net_amount"));
            totals.forEach((currency, s) -> line(List.of("total", currency.name(), Long.toString(s[0]),
                    currency.toMajor(s[1]), Long.toString(s[2]), currency.toMajor(s[3]), currency.toMajor(s[1] - s[3]))));
        }

        private void line(List<String> fields) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    text.append(',');
                }
                text.append(cell(fields.get(i)));
            }
            write(text.append("\r\n").toString());
        }

        private void write(String text) {
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static String time(LocalDateTime t) {
        return t == null ? "" : QfTime.format(t);
    }

    /** RFC 4180 quoting; a leading = + - @ would make a spreadsheet run the text as a formula. */
    public static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")
                ? "'" + value : value;
        boolean quote = v.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
