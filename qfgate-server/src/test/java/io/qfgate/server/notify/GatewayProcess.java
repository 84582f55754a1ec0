package io.qfgate.server.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.ops.DemoCredentials;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A gateway node as its own operating-system process ({@code qfgate serve}, the real
 * {@code main}), on a free port, with its output in {@code target/gateway-processes/<name>.log}.
 * Every process started here is also killed when the test JVM exits, so none is left behind.
 */
public final class GatewayProcess implements AutoCloseable {
    /** One folder per test run, so that a rerun does not overwrite the logs of the last one. */
    static final Path LOGS = Path.of("target", "gateway-processes",
            "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")) + "-"
                    + ProcessHandle.current().pid());
    /** How long a node holds a notification it sends before another node may take it over. */
    static final int LEASE_SECONDS = 3;

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * The class path of the nodes: this JVM's, with its class folders and qfgate's own jars copied
     * once, so that a build running meanwhile in the same tree (which rewrites target/classes)
     * cannot change or remove classes under a running node.
     */
    private static final String CLASS_PATH = snapshotClassPath();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly)));
    }

    final String name;
    public final int port;
    final Path log;
    final Process process;
    /** How long the start took until /healthz answered 200. */
    final Duration startup;

    private GatewayProcess(String name, int port, Path log, Process process, Duration startup) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startup = startup;
    }

    /**
     * Starts {@code qfgate serve} on {@code dataDir} and, when {@code dbUrl} is not null, that
     * database (else the embedded H2 in {@code dataDir}); returns once {@code GET /healthz} is 200.
     */
    public static GatewayProcess start(String name, Path dataDir, String dbUrl) {
        int port = freePort();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", CLASS_PATH,
                "io.qfgate.server.ops.Main", "serve",
                "--port", Integer.toString(port),
                "--host", "127.0.0.1",
                "--data", dataDir.toString(),
                "--notify-ports", "any",
                "--notify-allow-private",
                "--notify-lease-seconds", Integer.toString(LEASE_SECONDS)));
        if (dbUrl != null) {
            command.addAll(List.of("--db", dbUrl));
        }
        Path log = LOGS.resolve(name + ".log");
        Process process;
        long started = System.nanoTime();
        try {
            Files.createDirectories(LOGS);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        RUNNING.add(process);
        try {
            awaitHealthy(process, port, log, Duration.ofSeconds(60));
        } catch (RuntimeException | Error e) {
            stop(process);
            throw e;
        }
        return new GatewayProcess(name, port, log, process, Duration.ofNanos(System.nanoTime() - started));
    }

    private static void awaitHealthy(Process process, int port, Path log, Duration atMost) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/healthz"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .ignoreExceptionsInstanceOf(IOException.class) // not listening yet
                    .until(() -> {
                        if (!process.isAlive()) { // an error other than a timeout ends the wait at once
                            throw new AssertionError("the gateway exited with " + process.exitValue()
                                    + " before it was ready:\n" + tail(log));
                        }
                        return HTTP.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("the gateway did not answer /healthz within " + atMost + ":\n" + tail(log), e);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** What the first node on an empty database wrote to {@code <data>/demo-credentials.json}. */
    public static DemoCredentials credentials(Path dataDir) {
        try {
            return JSON.readValue(dataDir.resolve("demo-credentials.json").toFile(), DemoCredentials.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    public long pid() {
        return process.pid();
    }

    /** A signed form POST, as a merchant's server sends it. */
    public TestGateway.Answer post(String path, Map<String, String> params, DemoCredentials.Merchant m) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(url(path)))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", m.app_code())
                .header("X-QF-SIGN", QfSignature.signParams(params, m.client_key(), SignType.MD5))
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.form(params))));
    }

    /** A new payment order announcing its success to {@code notifyUrl}: its syssn and pay_url. */
    Order order(DemoCredentials.Merchant m, String outTradeNo, String notifyUrl) {
        Map<String, String> p = TestGateway.payment(outTradeNo);
        p.put("notify_url", notifyUrl);
        TestGateway.Answer a = post("/trade/v1/payment", p, m);
        assertThat(a.status()).as("payment %s on %s", outTradeNo, name).isEqualTo(200);
        assertThat(a.field("respcd")).as("payment %s on %s: %s", outTradeNo, name, a.json()).isEqualTo("0000");
        return new Order(a.field("syssn"), a.field("pay_url"), this);
    }

    /** The shopper pays the order in this node's embedded sandbox wallet. */
    static void pay(Order order) {
        assertThat(Wallet.pay(Wallet.open(order.payUrl()), "buyer-rich")).as("paid %s", order.syssn()).isEqualTo(303);
    }

    /** Which of these payments this node reports successful ({@code respcd} 0000) via /trade/v1/query. */
    Set<String> successful(DemoCredentials.Merchant m, Collection<String> syssns) {
        Set<String> ok = new HashSet<>();
        respcds(m, syssns).forEach((syssn, respcd) -> {
            if (respcd.equals("0000")) {
                ok.add(syssn);
            }
        });
        return ok;
    }

    /** The {@code respcd} of each of these payments this node knows, via /trade/v1/query. */
    Map<String, String> respcds(DemoCredentials.Merchant m, Collection<String> syssns) {
        TestGateway.Answer a = post("/trade/v1/query", Map.of("syssn", String.join(",", syssns), "page_size", "100"), m);
        assertThat(a.status()).as("query on %s: %s", name, new String(a.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        Map<String, String> found = new TreeMap<>();
        for (Object row : (List<?>) a.json().get("data")) {
            Map<?, ?> r = (Map<?, ?>) row;
            found.put((String) r.get("syssn"), (String) r.get("respcd"));
        }
        return found;
    }

    /** {@code kill -9}: no shutdown hook, no closing of anything; returns the exit status (137). */
    int kill9() {
        process.toHandle().destroyForcibly();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("%s died", name).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        RUNNING.remove(process);
        return process.exitValue();
    }

    /** A normal stop (SIGTERM, the gateway's shutdown hook), forced if it takes too long. */
    @Override
    public void close() {
        stop(process);
    }

    private static void stop(Process process) {
        try {
            if (process.isAlive()) {
                process.destroy();
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(15, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (process.isAlive()) {
                process.destroyForcibly();
            }
            RUNNING.remove(process);
        }
    }

    private static String snapshotClassPath() {
        try {
            Path snapshot = Files.createDirectories(LOGS.resolve("classpath")).toAbsolutePath();
            List<String> entries = new ArrayList<>();
            int n = 0;
            for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
                Path from = Path.of(entry);
                boolean ours = Files.isDirectory(from) || entry.replace(File.separatorChar, '/').contains("/io/qfgate/");
                if (!ours || !Files.exists(from)) {
                    entries.add(entry);
                    continue;
                }
                Path to = snapshot.resolve(n++ + "-" + from.getFileName());
                if (Files.isDirectory(from)) {
                    try (var files = Files.walk(from)) {
                        for (Path f : (Iterable<Path>) files::iterator) {
                            Path target = to.resolve(from.relativize(f).toString());
                            if (Files.isDirectory(f)) {
                                Files.createDirectories(target);
                            } else {
                                Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                            }
                        }
                    }
                } else {
                    Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
                }
                entries.add(to.toString());
            }
            return String.join(File.pathSeparator, entries);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the class path for the gateway processes", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A payment order as created on a node. */
    record Order(String syssn, String payUrl, GatewayProcess node) {}
}
