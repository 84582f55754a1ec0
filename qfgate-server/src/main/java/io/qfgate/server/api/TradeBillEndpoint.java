package io.qfgate.server.api;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.domain.TransactionQueries;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * {@code GET /download/v1/trade_bill?trade_date=YYYY-MM-DD}: the day's statement, a zip holding
 * one CSV with a row per transaction of that day and, at the end, per-currency totals of what
 * succeeded. The CSV opens in a spreadsheet: UTF-8 with a byte-order mark, CRLF lines, quoted
 * fields, and merchant text that starts like a formula made inert.
 */
public final class TradeBillEndpoint implements SignedApi.FileEndpoint {
    static final List<String> COLUMNS = List.of("syssn", "out_trade_no", "order_type", "origssn", "pay_type",
            "txcurrcd", "txamt", "amount", "sysdtm", "paydtm", "respcd", "cancel", "chnlsn", "cardcd", "cash_fee",
            "cash_fee_type", "goods_name", "udid", "note");

    private final TransactionQueries queries;

    public TradeBillEndpoint(TransactionQueries queries) {
        this.queries = queries;
    }

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
        List<Transaction> day = queries.day(call.app(), f.optional("mchid", 16), date);
        String name = "trade_bill_" + date;
        return new SignedApi.File("application/zip", name + ".zip", zip(name + ".csv", csv(day)));
    }

    static byte[] csv(List<Transaction> day) {
        StringBuilder out = new StringBuilder("\uFEFF");
        line(out, COLUMNS);
        Map<Currency, long[]> totals = new TreeMap<>(); // payments count, sum, refunds count, sum
        for (Transaction t : day) {
            var receipt = t.receipt();
            line(out, List.of(t.syssn(), t.outTradeNo(), t.orderType().dbName(), TransactionJson.text(t.origSyssn()),
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
        line(out, List.of());
        line(out, List.of("total", "txcurrcd", "payments", "payment_amount", "refunds", "refund_amount", "net_amount"));
        totals.forEach((currency, s) -> line(out, List.of("total", currency.name(), Long.toString(s[0]),
                currency.toMajor(s[1]), Long.toString(s[2]), currency.toMajor(s[3]), currency.toMajor(s[1] - s[3]))));
        return out.toString().getBytes(StandardCharsets.UTF_8);
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

    private static byte[] zip(String entryName, byte[] content) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(entryName));
            zip.write(content);
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
