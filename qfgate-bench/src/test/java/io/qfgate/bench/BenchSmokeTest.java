package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The harness works: a smoke run (a few hundred requests per row) of every scenario against a
 * real gateway process, on H2 and, when {@code QFGATE_TEST_PG_URL} names a server, on PostgreSQL.
 * Asserts that requests were made, none failed and the table has every row — never how fast
 * anything was: timings are reported by {@code ./qfgate bench}, not asserted.
 */
class BenchSmokeTest {
    /**
     * On H2 a run starts two gateways (the query rows are served again after seeding with the first
     * one stopped) and a JVM for {@code merchant update-app}: on a busy two-core machine one smoke
     * run took 114 s of the former 120.
     */
    private static final int SMOKE_SECONDS = 240;

    private static final List<String> EVERY_ROW = List.of(BenchRun.PING, BenchRun.CREATE, BenchRun.CREATE_HALF,
            BenchRun.REPLAY, BenchRun.JOURNEY, BenchRun.QUERY_SYSSN, BenchRun.QUERY_SYSSN_HALF, BenchRun.QUERY_RANGE,
            BenchRun.SELECT_JDBC, BenchRun.SELECT_JDBC_HALF, BenchRun.INSERT_JDBC, BenchRun.INSERT_JDBC_HALF);

    @Test
    @Timeout(SMOKE_SECONDS)
    void everyScenarioRunsOnH2() throws Exception {
        check(smoke("h2"), EVERY_ROW);
    }

    @Test
    @Timeout(SMOKE_SECONDS)
    @EnabledIfEnvironmentVariable(named = "QFGATE_TEST_PG_URL", matches = ".+")
    void everyScenarioRunsOnPostgresql() throws Exception {
        List<String> rows = new ArrayList<>(EVERY_ROW);
        if (InsertLimit.pgbench() != null) {
            rows.add(BenchRun.INSERT_PGBENCH);
        }
        check(smoke("postgresql"), rows);
    }

    private static BenchRun.Result smoke(String db) throws Exception {
        Settings settings = Bench.settings("--smoke", "--db", db, "--no-doc");
        assertThat(settings.smoke()).isTrue();
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<BenchRun.Result> reports;
        try (PrintStream out = new PrintStream(progress, true, StandardCharsets.UTF_8)) {
            reports = Bench.run(settings, out);
        } finally {
            System.out.print(progress.toString(StandardCharsets.UTF_8));
        }
        assertThat(reports).hasSize(1);
        BenchRun.Result report = reports.get(0);
        System.out.println(Report.section(report, settings, OffsetDateTime.now()));
        return report;
    }

    private static void check(BenchRun.Result report, List<String> expectedRows) {
        assertThat(report.rows()).extracting(Row::scenario).containsExactlyElementsOf(expectedRows);
        for (Row row : report.rows()) {
            assertThat(row.requests()).as(row.scenario() + " requests").isPositive();
            assertThat(row.errors()).as(row.scenario() + " errors: " + row.errorSamples()).isZero();
            assertThat(row.latencies().getTotalCount()).as(row.scenario() + " latencies").isEqualTo(row.requests());
        }
        assertThat(report.seededRows()).isEqualTo(Bench.SMOKE_SEED_ROWS);
        String table = Report.table(report);
        for (String row : expectedRows) {
            assertThat(table).contains("| " + row + " |");
        }
        assertThat(Report.ratios(report)).contains("creates/s ÷ plain inserts/s", "create p50 ÷ `/ping` p50",
                "create p99 ÷ plain insert p99", "queries by syssn/s ÷ plain selects/s",
                "query by syssn p99 ÷ plain select p99");
        assertThat(report.rows()).as("every row says where the CPU went").allSatisfy(row -> assertThat(row.cpu()).isNotNull());
        assertThat(report.rows().stream().mapToDouble(row -> row.cpu().gatewayMicros() * row.requests()).sum())
                .as("CPU of the gateway process, over the rows it served").isPositive();
        assertThat(Report.cpuTable(report, 4)).contains("| gateway µs/op |", "| " + BenchRun.CREATE + " |");
        if (report.db().equals("postgresql")) {
            // Both write a row carrying a pay_url of several hundred bytes, so at least that much WAL.
            assertThat(report.row(BenchRun.CREATE).walBytesPerOp()).as("WAL bytes per create").isGreaterThan(300);
            assertThat(report.row(BenchRun.INSERT_JDBC).walBytesPerOp()).as("WAL bytes per insert").isGreaterThan(300);
            assertThat(Report.cpuTable(report, 4)).contains("| WAL bytes/op |");
        } else {
            assertThat(report.rows()).as("H2 has no WAL position to read")
                    .allSatisfy(row -> assertThat(row.walBytesPerOp()).isNaN());
        }
    }
}
