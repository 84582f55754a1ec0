package io.qfgate.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

/** The table, the ratios and the conditions they were measured under, as Markdown. */
final class Report {
    private Report() {}

    static String section(BenchRun.Result r, Settings s, OffsetDateTime date) {
        StringBuilder md = new StringBuilder();
        md.append("### ").append(r.db().equals("h2") ? "H2 (embedded)" : "PostgreSQL").append(", ")
                .append(date.truncatedTo(ChronoUnit.MINUTES).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)).append("\n\n");
        md.append("- Command: `").append(s.command()).append("`\n");
        md.append("- Code: ").append(s.code()).append('\n');
        md.append("- Machine: ").append(Machine.describe()).append('\n');
        if (r.loadBefore() != null) {
            md.append("- Load average (1/5/15 min) just before the run: ").append(r.loadBefore())
                    .append(" (work of other processes skews the numbers; rerun if it was not near 0)\n");
        }
        md.append("- Gateway JVM options: ").append(s.serverJavaOpts().isEmpty() ? "JVM defaults"
                : "`" + String.join(" ", s.serverJavaOpts()) + "`").append('\n');
        md.append("- Database: ").append(r.dbDescription()).append('\n');
        md.append("- Load: ").append(s.concurrency()).append(" concurrent clients over loopback (closed loop but for the rows marked open loop, one thread")
                .append(" each on its own keep-alive HTTP/1.1 connection, signing every request and verifying every answer), warm-up ")
                .append(Settings.describe(s.warmup())).append(", then ").append(Settings.describe(s.measured()))
                .append(" per row (journey: ").append(Settings.describe(s.journeyMeasured()))
                .append("). Clients, gateway and database share the machine's cores.\n");
        md.append("- Gateway start → `/healthz` 200: ").append(String.format(Locale.ROOT, "%.2f s",
                r.startup().toMillis() / 1000.0)).append(" (new JVM, fresh database, migrations, demo merchant)");
        if (r.startRssKb() != null) {
            md.append("; resident memory then ").append(mib(r.startRssKb())).append(" MiB");
        }
        md.append('\n');
        if (r.seeding() != null) {
            md.append(String.format(Locale.ROOT, "- Query data: %,d transactions seeded in %.1f s (%,.0f rows/s, SQL"
                    + " INSERT … SELECT, not through the API; not part of any row)%n", r.seededRows(),
                    r.seeding().toMillis() / 1000.0, r.seededRows() / Math.max(0.001, r.seeding().toMillis() / 1000.0)));
        }
        md.append('\n');
        md.append(table(r));
        md.append('\n');
        if (!r.peakPerRow()) {
            md.append("Gateway peak RSS is the process's peak so far (this kernel does not let the bench reset it per row).\n\n");
        }
        md.append(cpuTable(r, s.concurrency()));
        md.append(ratios(r));
        for (Row row : r.rows()) {
            if (!row.errorSamples().isEmpty()) {
                md.append("\nErrors in ").append(row.scenario()).append(": ").append(String.join("; ", row.errorSamples()))
                        .append('\n');
            }
        }
        return md.toString();
    }

    static String table(BenchRun.Result r) {
        StringBuilder t = new StringBuilder();
        t.append("| scenario | requests | errors | throughput (/s) | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | gateway peak RSS MiB |\n");
        t.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : r.rows()) {
            t.append("| ").append(row.scenario())
                    .append(" | ").append(String.format(Locale.ROOT, "%,d", row.requests()))
                    .append(" | ").append(row.errors())
                    .append(" | ").append(String.format(Locale.ROOT, "%,.1f", row.throughput()))
                    .append(" | ").append(ms(row.percentileMs(50)))
                    .append(" | ").append(ms(row.percentileMs(90)))
                    .append(" | ").append(ms(row.percentileMs(99)))
                    .append(" | ").append(ms(row.percentileMs(99.9)))
                    .append(" | ").append(ms(row.maxMs()))
                    .append(" | ").append(row.peakRssKb() == null ? "–" : mib(row.peakRssKb()))
                    .append(" |\n");
        }
        return t.toString();
    }

    /**
     * Where the CPU went in each row's measured phase; nothing when {@code /proc} could not be read.
     * Steal is time the hypervisor ran someone else while this machine had work: a run with much of
     * it was starved, and its throughput says more about the host than about the gateway.
     */
    static String cpuTable(BenchRun.Result r, int concurrency) {
        if (r.rows().stream().allMatch(row -> row.cpu() == null)) {
            return "";
        }
        boolean wal = r.rows().stream().anyMatch(row -> !Double.isNaN(row.walBytesPerOp()));
        StringBuilder t = new StringBuilder();
        t.append("Where the CPU went in each measured phase: the machine's busy and stolen shares of all its cores' time, and CPU time")
                .append(" per operation of the gateway process, the database server's processes and the load generator (the bench's")
                .append(" JVM, with its ").append(concurrency).append(" clients, and pgbench)")
                .append(r.db().equals("h2") ? "; H2 runs inside the gateway, and for the limit rows inside the bench, so its CPU is counted there" : "")
                .append(wal ? "; and the write-ahead log the database server wrote per operation" : "")
                .append(":\n\n");
        t.append("| scenario | machine busy | steal | gateway µs/op | database µs/op | load generator µs/op |")
                .append(wal ? " WAL bytes/op |\n" : "\n");
        t.append("|---|---:|---:|---:|---:|---:|").append(wal ? "---:|\n" : "\n");
        for (Row row : r.rows()) {
            CpuUse c = row.cpu();
            if (c == null) {
                continue;
            }
            t.append("| ").append(row.scenario())
                    .append(" | ").append(String.format(Locale.ROOT, "%.0f %%", 100 * c.busyShare()))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f %%", 100 * c.stealShare()))
                    .append(" | ").append(micros(c.gatewayMicros()))
                    .append(" | ").append(micros(c.databaseMicros()))
                    .append(" | ").append(micros(c.benchMicros()))
                    .append(" |");
            if (wal) {
                t.append(' ').append(Double.isNaN(row.walBytesPerOp()) ? "–"
                        : String.format(Locale.ROOT, "%,.0f", row.walBytesPerOp())).append(" |");
            }
            t.append('\n');
        }
        return t.append('\n').toString();
    }

    private static String micros(double v) {
        return v == 0 ? "–" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String ratios(BenchRun.Result r) {
        Row create = r.row(BenchRun.CREATE);
        Row query = r.row(BenchRun.QUERY_SYSSN);
        if (create == null && query == null) {
            return "Ratios need the create or the query scenario.\n";
        }
        Row ping = r.row(BenchRun.PING);
        StringBuilder md = new StringBuilder("Ratios (1.0 would mean the gateway costs nothing on top of the limit):\n\n");
        if (create != null) {
            Row jdbc = r.row(BenchRun.INSERT_JDBC);
            throughputRatio(md, "gateway creates/s ÷ plain inserts/s (JDBC)", create, jdbc);
            throughputRatio(md, "gateway creates/s ÷ plain inserts/s (pgbench)", create, r.row(BenchRun.INSERT_PGBENCH));
            percentileRatio(md, "gateway create p50 ÷ `/ping` p50", 50, create, ping);
            percentileRatio(md, "gateway create p50 ÷ plain insert p50 (JDBC)", 50, create, jdbc);
            percentileRatio(md, "gateway create p99 ÷ plain insert p99 (JDBC), both open loop at half the create row's rate",
                    99, r.row(BenchRun.CREATE_HALF), r.row(BenchRun.INSERT_JDBC_HALF));
        }
        if (query != null) {
            throughputRatio(md, "gateway queries by syssn/s ÷ plain selects/s (JDBC)", query, r.row(BenchRun.SELECT_JDBC));
            percentileRatio(md, "gateway query by syssn p99 ÷ plain select p99 (JDBC), both open loop at half the query row's rate",
                    99, r.row(BenchRun.QUERY_SYSSN_HALF), r.row(BenchRun.SELECT_JDBC_HALF));
        }
        return md.toString();
    }

    private static void throughputRatio(StringBuilder md, String what, Row gateway, Row limit) {
        if (limit != null) {
            md.append(String.format(Locale.ROOT, "- %s: **%.3f** (%,.1f ÷ %,.1f)%n", what,
                    gateway.throughput() / limit.throughput(), gateway.throughput(), limit.throughput()));
        }
    }

    private static void percentileRatio(StringBuilder md, String what, double percentile, Row gateway, Row limit) {
        if (gateway != null && limit != null) {
            md.append(String.format(Locale.ROOT, "- %s: **%.1f** (%s ms ÷ %s ms)%n", what,
                    gateway.percentileMs(percentile) / limit.percentileMs(percentile), ms(gateway.percentileMs(percentile)),
                    ms(limit.percentileMs(percentile))));
        }
    }

    static String ms(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return String.format(Locale.ROOT, v < 1 ? "%.3f" : v < 10 ? "%.2f" : v < 100 ? "%.1f" : "%.0f", v);
    }

    static String mib(long kb) {
        return String.format(Locale.ROOT, "%.0f", kb / 1024.0);
    }

    static String begin(String db) {
        return "<!-- BEGIN GENERATED by ./qfgate bench: " + db + " (reruns replace this section) -->";
    }

    static String end(String db) {
        return "<!-- END GENERATED: " + db + " -->";
    }

    /** Replaces the run's section between its markers, or appends it (creating the file if needed). */
    static void write(Path doc, String db, String section) throws IOException {
        String block = begin(db) + "\n" + section.strip() + "\n" + end(db);
        String text = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8)
                : "# Performance\n\nGenerated by `./qfgate bench`; see qfgate-bench/README.md.\n";
        int from = text.indexOf(begin(db));
        int to = text.indexOf(end(db));
        if (from >= 0 && to > from) {
            text = text.substring(0, from) + block + text.substring(to + end(db).length());
        } else {
            text = text.stripTrailing() + "\n\n" + block + "\n";
        }
        Files.createDirectories(doc.toAbsolutePath().getParent());
        Files.writeString(doc, text, StandardCharsets.UTF_8);
    }

    /** This machine, as far as the JVM and /proc tell. */
    static final class Machine {
        private Machine() {}

        static String describe() {
            StringBuilder d = new StringBuilder();
            String nproc = nproc();
            d.append(Runtime.getRuntime().availableProcessors()).append(" cores (availableProcessors ")
                    .append(Runtime.getRuntime().availableProcessors()).append(nproc == null ? "" : ", nproc " + nproc)
                    .append(")");
            String cpu = procField("/proc/cpuinfo", "model name");
            if (cpu != null) {
                d.append(", ").append(cpu);
            }
            String mem = procField("/proc/meminfo", "MemTotal");
            if (mem != null) {
                long kb = Long.parseLong(mem.replaceAll("[^0-9]", ""));
                d.append(String.format(Locale.ROOT, ", %.1f GiB memory", kb / 1024.0 / 1024.0));
            }
            d.append(", ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"));
            d.append(", JDK ").append(Runtime.version()).append(" (").append(System.getProperty("java.vendor")).append(')');
            return d.toString();
        }

        /** The first three fields of /proc/loadavg, or null. */
        static String loadAverage() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
                return f[0] + " / " + f[1] + " / " + f[2];
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        private static String nproc() {
            try {
                Process p = new ProcessBuilder("nproc").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                return p.waitFor() == 0 ? out : null;
            } catch (IOException e) {
                return null;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        private static String procField(String file, String name) {
            try {
                List<String> lines = Files.readAllLines(Path.of(file));
                for (String line : lines) {
                    if (line.startsWith(name)) {
                        return line.substring(line.indexOf(':') + 1).trim();
                    }
                }
            } catch (IOException | RuntimeException e) {
                // not Linux
            }
            return null;
        }
    }
}
