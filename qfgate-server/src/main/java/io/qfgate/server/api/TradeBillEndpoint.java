package io.qfgate.server.api;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionQueries;
import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code GET /download/v1/trade_bill?trade_date=YYYY-MM-DD}: the day's statement, a zip holding
 * one CSV with a row per transaction of that day (for an agent, of all its sub-merchants, with
 * their {@code mchid}) and, at the end, per-currency totals of what succeeded. The CSV opens in a spreadsheet: UTF-8 with a byte-order mark, CRLF lines, quoted
 * fields, and merchant text that starts like a formula made inert.
 */
public final class TradeBillEndpoint implements SignedApi.FileEndpoint {
    static final List<String> COLUMNS = List.of("syssn", "out_trade_no", "mchid", "order_type", "origssn", "pay_type",
            "txcurrcd", "txamt", "amount", "sysdtm", "paydtm", "respcd", "cancel", "chnlsn", "cardcd", "cash_fee",
            "cash_fee_type", "goods_name", "udid", "note");

    private final TransactionQueries queries;

    public TradeBillEndpoint(TransactionQueries queries) {
        this.queries = queries;
    }

    /**
     * The zip is written to a temporary file row by row as the database sends them, so a busy
     * day is never held in memory; the file is signed and sent from there, then deleted.
     */
    @Override
    public SignedApi.File handle(SignedApi.Call call) {
        Fields f = new Fields(call.params());
        String dateText = f.required("trade_date", 10);
        LocalDate date;
        try {
            date = LocalDate.parse(dateText);
        } catch (DateTimeParseException e) {
            throw Refusal.parameter("trade_date", "must be a date written YYYY-MM-DD, got " + dateText);
        }
        String mchid = f.optional("mchid", 16);
        String name = "trade_bill_" + date;
        Path file = null;
        try {
            file = Files.createTempFile("qfgate-trade-bill-", ".zip");
            try (ZipOutputStream zip = new ZipOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
                zip.putNextEntry(new ZipEntry(name + ".csv"));
                Writer out = new BufferedWriter(new OutputStreamWriter(zip, StandardCharsets.UTF_8));
                Statement statement = new Statement(out);
                queries.day(call.app(), mchid, date, statement::row);
                statement.finish();
                out.flush();
                zip.closeEntry();
            }
            return new SignedApi.File("application/zip", name + ".zip", file);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(file);
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // A leftover temporary file is harmless; the refusal or fault matters more.
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
            var receipt = t.receipt();
            line(List.of(t.syssn(), t.outTradeNo(), row.mchid(), t.orderType().dbName(), TransactionJson.text(t.origSyssn()),
                    t.payType().code(), t.currency().name(), Long.toString(t.txamt()), t.currency().toMajor(t.txamt()),
                    QfTime.format(t.sysdtm()), receipt == null ? "" : TransactionJson.time(receipt.paydtm()),
                    t.respcd().code(), Integer.toString(t.cancel()),
                    receipt == null ? "" : TransactionJson.text(receipt.chnlsn()),
                    receipt == null ? "" : TransactionJson.text(receipt.cardcd()),
                    receipt == null || receipt.cashFee() == null ? "" : Long.toString(receipt.cashFee()),
                    receipt == null || receipt.cashFeeType() == null ? "" : receipt.cashFeeType().name(),
                    TransactionJson.text(t.goodsName()), TransactionJson.text(t.udid()), TransactionJson.text(t.note())));
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
            TradeBillEndpoint.line(text, fields);
            write(text.toString());
        }

        private void write(String text) {
            try {
                out.write(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void line(StringBuilder out, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(cell(fields.get(i)));
        }
        out.append("\r\n");
    }

    /** RFC 4180 quoting; a leading = + - @ would make a spreadsheet run the text as a formula. */
    static String cell(String value) {
        String v = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !value.matches("-?\\d+(\\.\\d+)?")
                ? "'" + value : value;
        boolean quote = v.chars().anyMatch(c -> c == '"' || c == ',' || c == '\r' || c == '\n');
        return quote ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
