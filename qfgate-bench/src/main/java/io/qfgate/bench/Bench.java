package io.qfgate.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./qfgate bench}: starts a fresh gateway, runs the scenarios against it over loopback,
 * measures the database's and HTTP's own limits the same way, prints one table per database and
 * writes it into {@code docs/performance.md}.
 */
@Command(name = "qfgate bench", mixinStandardHelpOptions = true,
        description = "Benchmark a fresh gateway against this machine's limits (database inserts, HTTP round trip).")
public final class Bench implements Callable<Integer> {
    /** Smoke: enough to show the harness works, a few seconds per row; never for numbers. */
    static final int SMOKE_CONCURRENCY = 4;
    static final long SMOKE_REQUESTS = 200;
    static final long SMOKE_JOURNEYS = 12;
    static final long SMOKE_SEED_ROWS = 10_000;
    /**
     * A fresh gateway's JIT compiler is still busy 20 s into its first heavy load: in the profile
     * of a create run C2 took 40 % of the gateway's CPU 7 s in, 3 % after 25 s, and on a slower host
     * the create rate was still climbing after 20 s. Rows measure the compiled gateway, as it runs
     * for days, not the compiler.
     */
    static final int DEFAULT_WARMUP_SECONDS = 30;

    @Option(names = "--db", split = ",", defaultValue = "h2",
            description = "h2, postgresql or both (comma-separated). Default: ${DEFAULT-VALUE}")
    List<String> dbs;

    @Option(names = "--concurrency", description = "Concurrent clients. Default: 16 (smoke: " + SMOKE_CONCURRENCY + ")")
    Integer concurrency;

    @Option(names = "--duration", description = "Seconds measured per row. Default: 20")
    Integer duration;

    @Option(names = "--warmup", description = "Seconds of warm-up before each row, not counted. Default: 30")
    Integer warmup;

    @Option(names = "--requests", description = "Stop each row after this many requests (with --duration as a cap) instead of by time")
    Long requests;

    @Option(names = "--scenarios", split = ",", defaultValue = "create,replay,journey,query",
            description = "Any of create, replay, journey, query. /ping and the insert limit always run. Default: ${DEFAULT-VALUE}")
    List<String> scenarios;

    @Option(names = "--seed-rows", description = "Transactions seeded for the query scenario. Default: 1000000 (smoke: " + SMOKE_SEED_ROWS + ")")
    Long seedRows;

    @Option(names = "--smoke", description = "A few hundred requests per row: checks the harness, not the gateway (no docs written)")
    boolean smoke;

    @Option(names = "--pg-url", description = "JDBC URL of an existing PostgreSQL database; the bench creates a fresh database beside it"
            + " and drops it afterwards. Default: $QFGATE_TEST_PG_URL or jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres")
    String pgUrl;

    @Option(names = "--doc", description = "Markdown file the results go into. Default: docs/performance.md of the repository")
    Path doc;

    @Option(names = "--no-doc", description = "Print the table only")
    boolean noDoc;

    @Option(names = "--server-java-opts", description = "JVM options of the gateway process, space-separated"
            + " (e.g. \"-Xmx512m -XX:StartFlightRecording=duration=60s,filename=/tmp/create.jfr\")")
    String serverJavaOpts;

    @Option(names = "--server-classpath", hidden = true, description = "Class path the gateway starts with. Default: the bench's own")
    String serverClasspath;

    @Option(names = "--server-aot-cache", hidden = true,
            description = "The start-up cache ./qfgate serve uses (JDK 25 AOT cache); ./qfgate bench passes it when there is one")
    Path serverAotCache;

    private final String[] args;

    Bench(String[] args) {
        this.args = args.clone();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Bench(args)).execute(args));
    }

    /** The settings these arguments mean (the smoke test uses this too). */
    static Settings settings(String... args) {
        Bench bench = new Bench(args);
        new CommandLine(bench).parseArgs(args);
        return bench.settings();
    }

    Settings settings() {
        int c = concurrency != null ? concurrency : smoke ? SMOKE_CONCURRENCY : 16;
        Duration d = Duration.ofSeconds(duration != null ? duration : smoke ? 30 : 20);
        Duration w = Duration.ofSeconds(warmup != null ? warmup : DEFAULT_WARMUP_SECONDS);
        Load.Budget measured;
        Load.Budget warm;
        Load.Budget journeyMeasured;
        Load.Budget journeyWarm;
        if (smoke) {
            long n = requests != null ? requests : SMOKE_REQUESTS;
            measured = new Load.Budget(d, n);
            journeyMeasured = new Load.Budget(d, Math.min(n, SMOKE_JOURNEYS));
            warm = new Load.Budget(w, Math.max(1, n / 10));
            journeyWarm = new Load.Budget(w, c);
        } else {
            measured = new Load.Budget(d, requests != null ? requests : 0);
            journeyMeasured = measured;
            warm = Load.Budget.of(w);
            journeyWarm = warm;
        }
        String pg = pgUrl != null ? pgUrl
                : System.getenv("QFGATE_TEST_PG_URL") != null ? System.getenv("QFGATE_TEST_PG_URL")
                : "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";
        List<String> opts = new ArrayList<>();
        if (serverAotCache != null) {
            opts.add("-XX:AOTCache=" + serverAotCache.toAbsolutePath());
        }
        if (serverJavaOpts != null && !serverJavaOpts.isBlank()) {
            opts.addAll(Arrays.asList(serverJavaOpts.trim().split("\\s+")));
        }
        String cp = absolute(serverClasspath != null ? serverClasspath : System.getProperty("java.class.path"));
        return new Settings(dbs, c, warm, measured, journeyWarm, journeyMeasured, new LinkedHashSet<>(scenarios),
                seedRows != null ? seedRows : smoke ? SMOKE_SEED_ROWS : 1_000_000, smoke, pg, opts, cp, command(),
                codeVersion(home()));
    }

    /** The gateway runs in its own working directory: every class path entry must be absolute. */
    static String absolute(String classpath) {
        return Arrays.stream(classpath.split(java.io.File.pathSeparator))
                .filter(e -> !e.isBlank())
                .map(e -> Path.of(e).toAbsolutePath().normalize().toString())
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The command as typed, for the report. */
    /** What the user typed: without the options the {@code qfgate} script adds (their effect is reported apart). */
    private String command() {
        StringBuilder cmd = new StringBuilder("./qfgate bench");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (SCRIPT_OPTIONS.contains(a)) {
                i++;
                continue;
            }
            cmd.append(' ').append(a.matches("[\\w@%+=:,./-]+") ? a : "'" + a.replace("'", "'\\''") + "'");
        }
        return cmd.toString();
    }

    private static final Set<String> SCRIPT_OPTIONS = Set.of("--server-classpath", "--server-aot-cache");

    @Override
    public Integer call() throws Exception {
        Settings s = settings();
        List<BenchRun.Result> reports = run(s, System.err);
        OffsetDateTime date = OffsetDateTime.now();
        boolean errors = false;
        for (BenchRun.Result r : reports) {
            String section = Report.section(r, s, date);
            System.out.println();
            System.out.println(section);
            if (!s.smoke() && !noDoc || doc != null && !noDoc) {
                Path file = doc != null ? doc : home().resolve("docs").resolve("performance.md");
                Report.write(file, r.db(), section);
                System.err.println("written to " + file);
            }
            if (r.rows().stream().anyMatch(row -> row.errors() > 0)) {
                errors = true;
                System.err.println("[" + r.db() + "] the gateway's log ended with:\n" + r.gatewayLog());
            }
        }
        if (errors) {
            System.err.println("some requests failed: see the errors under the table");
        }
        return errors ? 2 : 0;
    }

    static List<BenchRun.Result> run(Settings s, PrintStream progress) throws Exception {
        List<BenchRun.Result> reports = new ArrayList<>();
        for (String db : s.dbs()) {
            reports.add(BenchRun.run(s, db, progress));
        }
        return reports;
    }

    /**
     * Which code was measured: the commit, and the files changed since (read-only git commands;
     * "unknown" without git).
     */
    static String codeVersion(Path repo) {
        String head = git(repo, "rev-parse", "--short", "HEAD");
        if (head == null || head.isBlank()) {
            return "unknown (not a git checkout)";
        }
        String changed = git(repo, "status", "--porcelain", "--untracked-files=no");
        List<String> files = changed == null ? List.of()
                : changed.lines().map(l -> l.substring(Math.min(3, l.length())).trim()).filter(f -> !f.isEmpty()).toList();
        if (files.isEmpty()) {
            return "commit " + head.trim();
        }
        return "commit " + head.trim() + " with uncommitted changes to " + (files.size() <= 5 ? String.join(", ", files)
                : String.join(", ", files.subList(0, 5)) + " and " + (files.size() - 5) + " more files");
    }

    private static String git(Path repo, String... args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", repo.toString()));
        command.addAll(Arrays.asList(args));
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** The repository: where ./qfgate said it is, else the working directory. */
    private static Path home() {
        String home = System.getProperty("qfgate.home");
        return Path.of(home != null ? home : ".").toAbsolutePath().normalize();
    }
}
