package io.qfgate.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;

/**
 * Fills the gateway's own {@code transactions} table for the demo merchant, straight in SQL
 * (no API): {@code INSERT … SELECT} over {@code generate_series} (PostgreSQL) or
 * {@code SYSTEM_RANGE} (H2), in chunks of {@value #CHUNK} rows, each its own transaction.
 *
 * <p>Rows spread evenly over one past calendar month. Row {@code g} (1-based) has
 * {@code sysdtm = monthStart + g·step} (whole seconds), {@code syssn = YYYYMMDD} of that day and
 * {@code 9·10^17 + g} in 18 digits (far above the gateway's own sequence), {@code out_trade_no
 * seed-g}; every 20th row expired unpaid ({@code 1181}), the others paid ({@code 0000}, with the
 * receipt columns a real payment has). The schema's CHECKs and unique keys hold for every row, and
 * each row reads back as a valid {@code Transaction}.
 */
final class Seeder {
    static final int CHUNK = 50_000;
    private static final long SYSSN_BASE = 900_000_000_000_000_000L;

    final long rows;
    final LocalDateTime monthStart;
    final LocalDateTime monthEnd;
    /** Milliseconds between two rows; rows are stamped with whole seconds. */
    final long stepMillis;

    Seeder(long rows, YearMonth month) {
        if (rows <= 0 || rows > 99_999_999_999L) {
            throw new IllegalArgumentException("rows: " + rows);
        }
        this.rows = rows;
        this.monthStart = month.atDay(1).atStartOfDay();
        this.monthEnd = month.plusMonths(1).atDay(1).atStartOfDay();
        long monthSeconds = Duration.between(monthStart, monthEnd).toSeconds();
        this.stepMillis = (monthSeconds - 1) * 1000 / rows;
        if (stepMillis == 0) {
            throw new IllegalArgumentException("more rows than milliseconds in a month");
        }
    }

    /** The month before the current one, in the gateway's time (UTC+8). */
    static YearMonth lastMonth() {
        return YearMonth.from(LocalDate.now(java.time.ZoneOffset.ofHours(8))).minusMonths(1);
    }

    LocalDateTime sysdtm(long g) {
        return monthStart.plusSeconds(g * stepMillis / 1000);
    }

    String syssn(long g) {
        return sysdtm(g).format(DateTimeFormatter.BASIC_ISO_DATE) + String.format("%018d", SYSSN_BASE + g);
    }

    /**
     * Inserts the rows and settles the table; returns how long the inserts took. {@code payUrl} is a
     * real pay_url of this gateway, so rows are as wide as real ones.
     */
    Duration seed(Connection c, String dbKind, long appId, long merchantId, String payUrl) throws SQLException {
        long started = System.nanoTime();
        boolean pg = dbKind.equals("postgresql");
        String t = "t";
        String sql = "INSERT INTO transactions (syssn, app_id, merchant_id, order_type, out_trade_no, pay_type, txamt, txcurrcd,"
                + " txdtm, txzone, sysdtm, expires_at, respcd, goods_name, expired_time, pay_url, request_digest,"
                + " paydtm, chnlsn, cardcd, exchange_rate, cash_fee, cash_fee_type)"
                + " SELECT " + format(pg, t, "YYYYMMDD") + " || LPAD(CAST(" + SYSSN_BASE + " + g AS VARCHAR), 18, '0'),"
                + " ?, ?, 'payment', 'seed-' || CAST(g AS VARCHAR), '801101', 100 + MOD(g, 10000), 'HKD',"
                + " " + format(pg, t, "YYYY-MM-DD HH24:MI:SS") + ", '+0800', t, " + plusSeconds(pg, t, "1800") + ","
                + " CASE WHEN MOD(g, 20) = 0 THEN '1181' ELSE '0000' END, 'bench seeded order', 30,"
                + " CAST(? AS VARCHAR) || CAST(g AS VARCHAR), LPAD(CAST(g AS VARCHAR), 64, '0'),"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE " + plusSeconds(pg, t, "20") + " END,"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE '2026' || LPAD(CAST(g AS VARCHAR), 24, '0') END,"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE '2088000000000001' END,"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE '0.9150' END,"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE (100 + MOD(g, 10000)) * 915 / 1000 END,"
                + " CASE WHEN MOD(g, 20) = 0 THEN NULL ELSE 'CNY' END"
                + " FROM (SELECT g, " + plusSeconds(pg, "TIMESTAMP '" + monthStart.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")) + "'",
                        "(g * " + stepMillis + ") / 1000") + " AS t"
                + (pg ? " FROM generate_series(CAST(? AS BIGINT), CAST(? AS BIGINT)) AS r(g)) s"
                      : " FROM (SELECT \"X\" AS g FROM SYSTEM_RANGE(?, ?)) r) s");
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(true);
        try (PreparedStatement insert = c.prepareStatement(sql)) {
            for (long from = 1; from <= rows; from += CHUNK) {
                long to = Math.min(rows, from + CHUNK - 1);
                insert.setLong(1, appId);
                insert.setLong(2, merchantId);
                insert.setString(3, payUrl.length() > 4000 ? payUrl.substring(0, 4000) : payUrl);
                insert.setLong(4, from);
                insert.setLong(5, to);
                int n = insert.executeUpdate();
                if (n != to - from + 1) {
                    throw new IllegalStateException("seeding rows " + from + ".." + to + " inserted " + n);
                }
            }
        } finally {
            c.setAutoCommit(autoCommit);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        try (Statement s = c.createStatement()) {
            // Settled, as a table that grew to this size over a month would be: vacuumed (hint bits
            // and visibility map set, so the first query to read a row does not dirty its page),
            // with fresh statistics, and checkpointed, so the bulk load's own writes to disk are
            // done before the query rows start instead of landing in their latencies.
            s.execute(pg ? "VACUUM (ANALYZE) transactions" : "ANALYZE TABLE transactions");
            s.execute("CHECKPOINT");
        }
        return took;
    }

    /** How many seeded rows the table holds (a check that the seeding did what it says). */
    static long count(Connection c) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM transactions WHERE out_trade_no LIKE 'seed-%'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String format(boolean pg, String t, String pgPattern) {
        if (pg) {
            return "to_char(" + t + ", '" + pgPattern + "')";
        }
        String java = pgPattern.replace("YYYY", "yyyy").replace("DD", "dd").replace("HH24", "HH").replace("MI", "mm")
                .replace("SS", "ss");
        return "FORMATDATETIME(" + t + ", '" + java + "')";
    }

    private static String plusSeconds(boolean pg, String t, String seconds) {
        return pg ? "(" + t + " + (" + seconds + ") * INTERVAL '1 second')" : "DATEADD(SECOND, " + seconds + ", " + t + ")";
    }
}
