package io.qfgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A fresh gateway in a process of its own ({@code java -cp … io.qfgate.server.ops.Main serve}),
 * so that its memory is its own and can be read from {@code /proc/<pid>/status}. Notifications
 * may go to any port on loopback (the bench's merchant endpoint).
 */
final class GatewayProcess implements AutoCloseable {
    static final String MAIN_CLASS = "io.qfgate.server.ops.Main";
    /** How long a gateway may take to answer /healthz before the bench gives up. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    final Process process;
    final int port;
    final Path dataDir;
    final Path log;
    /** From starting the process to the first {@code GET /healthz} answered 200. */
    final Duration startup;
    final String appCode;
    final String clientKey;
    /** Interrupted (Ctrl-C): the gateway must not outlive the bench. */
    private final Thread killOnExit;

    private GatewayProcess(Process process, int port, Path dataDir, Path log, Duration startup, String appCode,
            String clientKey) {
        this.process = process;
        this.port = port;
        this.dataDir = dataDir;
        this.log = log;
        this.startup = startup;
        this.appCode = appCode;
        this.clientKey = clientKey;
        this.killOnExit = new Thread(process::destroyForcibly);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /**
     * Starts a gateway on a free loopback port with its data in {@code dataDir} and, unless
     * {@code dbUrl} is null (embedded H2), its database at {@code dbUrl}. A gateway started again
     * on the same folder keeps its database and demo merchant; its output goes on in the same log.
     */
    static GatewayProcess start(String classpath, List<String> javaOpts, Path dataDir, String dbUrl)
            throws IOException, InterruptedException {
        int port = freePort();
        Files.createDirectories(dataDir);
        Path log = dataDir.resolve("gateway.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOpts);
        command.addAll(List.of("-cp", classpath, MAIN_CLASS, "serve",
                "--host", "127.0.0.1", "--port", Integer.toString(port), "--data", dataDir.toString(),
                "--notify-ports", "any", "--notify-allow-private",
                // All load comes from one address: the per-address flood guard would measure itself.
                "--ip-rate-per-second", "0"));
        if (dbUrl != null) {
            command.addAll(List.of("--db", dbUrl));
        }
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).directory(dataDir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        try {
            URI healthz = URI.create("http://127.0.0.1:" + port + "/healthz");
            long deadline = started + START_TIMEOUT.toNanos();
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the gateway exited with " + process.exitValue() + " before /healthz answered; "
                            + "its log (" + log + ") ends with:\n" + tail(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the gateway did not answer /healthz within " + START_TIMEOUT
                            + "; its log (" + log + ") ends with:\n" + tail(log));
                }
                try {
                    HttpResponse<Void> r = http.send(HttpRequest.newBuilder(healthz).timeout(Duration.ofSeconds(2)).GET().build(),
                            HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(5);
            }
            Duration startup = Duration.ofNanos(System.nanoTime() - started);
            JsonNode demo = new ObjectMapper().readTree(dataDir.resolve("demo-credentials.json").toFile()).path("merchant");
            return new GatewayProcess(process, port, dataDir, log, startup, demo.path("app_code").asText(),
                    demo.path("client_key").asText());
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        } finally {
            http.close();
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    /**
     * Forgets the process's peak resident memory so far ({@code echo 5 > /proc/<pid>/clear_refs}),
     * so that the next {@link #peakRssKb()} is the peak of what follows. False where the kernel
     * does not allow it: the peak is then the process's lifetime peak.
     */
    boolean resetPeak() {
        try {
            Files.writeString(Path.of("/proc", Long.toString(pid()), "clear_refs"), "5");
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** {@code VmHWM}: peak resident memory in KiB, or null where /proc cannot be read. */
    Long peakRssKb() {
        return status("VmHWM:");
    }

    /** {@code VmRSS}: resident memory now in KiB, or null. */
    Long rssKb() {
        return status("VmRSS:");
    }

    private Long status(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process is gone
        }
        return null;
    }

    /** Stops the gateway as Ctrl-C would (its shutdown hook closes the database), forcibly if it hangs. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(killOnExit);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
    }

    /**
     * Runs a management command ({@code merchant update-app …}) on this gateway's data folder, in a
     * JVM of its own as {@code ./qfgate} would. While the gateway holds its embedded database, the
     * command reaches it through the admin channel (a spool in the data folder, no socket). Throws
     * with the command's output unless it exits 0.
     */
    void manage(String classpath, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classpath, MAIN_CLASS));
        command.addAll(List.of(args));
        command.addAll(List.of("--data", dataDir.toString()));
        Process p = new ProcessBuilder(command).directory(dataDir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", args) + " did not finish within " + STOP_TIMEOUT);
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", args) + " exited with " + p.exitValue() + ": " + output);
        }
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(no log: " + e + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
