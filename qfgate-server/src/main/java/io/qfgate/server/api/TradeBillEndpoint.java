package io.qfgate.server.api;

import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.TradeBill;
import io.qfgate.server.domain.TransactionQueries;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * {@code GET /download/v1/trade_bill?trade_date=YYYY-MM-DD}: the day's statement ({@link TradeBill}),
 * the same bytes the portal's statements page downloads.
 */
public final class TradeBillEndpoint implements SignedApi.FileEndpoint {
    private final TradeBill bill;

    public TradeBillEndpoint(TransactionQueries queries) {
        this.bill = new TradeBill(queries);
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
        Path file = null;
        try {
            file = Files.createTempFile("qfgate-trade-bill-", ".zip");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
                bill.write(call.app(), mchid, date, out);
            }
            return new SignedApi.File("application/zip", TradeBill.name(date) + ".zip", file);
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
}
