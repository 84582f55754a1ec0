package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.server.TempDirs;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.notify.GatewayProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A gateway has one way in, its HTTP port: no database server beside it, a data folder only its
 * owner can read, and a command line that reaches the running gateway through that folder.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class NoSecondWayInTest {
    @TempDir
    Path data;

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aRunningGatewayListensOnItsHttpPortAndNothingElse(String db) throws Exception {
        String dbUrl = db.equals(TestDatabases.H2) ? null : TestDatabases.fresh(db);
        try (GatewayProcess node = GatewayProcess.start("one-socket-" + db, data, dbUrl)) {
            assertThat(ListeningSockets.of(node.pid())).as("what the gateway listens on")
                    .containsExactly("tcp:" + node.port);
        }
    }

    @Test
    void theDataFolderAndEveryFileInItAreTheOwnersAlone() throws Exception {
        Path folder = data.resolve("fresh");
        try (Gateway gateway = Gateway.start(local(folder))) {
            assertThat(mode(folder)).isEqualTo("rwx------");
            try (Stream<Path> all = Files.walk(folder)) {
                for (Path p : all.filter(p -> !p.equals(folder)).toList()) {
                    assertThat(mode(p)).as(folder.relativize(p).toString())
                            .isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
                }
            }
            assertThat(folder.resolve("qfgate.mv.db")).exists();
            assertThat(folder.resolve("demo-credentials.json")).exists();
        }
    }

    @Test
    void aFolderLeftOpenByAnOlderVersionIsClosedOnStart() throws Exception {
        try (Gateway first = Gateway.start(local(data))) {
            // a gateway made before this rule started on it
        }
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(data.resolve("demo-credentials.json"), PosixFilePermissions.fromString("rw-r--r--"));
        try (Gateway again = Gateway.start(local(data))) {
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("demo-credentials.json"))).isEqualTo("rw-------");
        }
    }

    @Test
    void theCommandLineManagesAGatewayRunningInAnotherProcess() throws Exception {
        try (GatewayProcess node = GatewayProcess.start("admin-channel", data, null)) {
            Cli created = Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString());
            assertThat(created.exit()).as(created.err()).isZero();
            Map<String, String> credentials = created.values();
            assertThat(credentials.get("client_key")).matches("[0-9A-F]{32}");

            Cli list = Cli.run("merchant", "list", "--data", data.toString());
            assertThat(list.out()).contains(credentials.get("app_code"), "Kowloon Books");

            var merchant = new DemoCredentials.Merchant(credentials.get("app_code"), credentials.get("client_key"));
            assertThat(node.post("/trade/v1/payment", TestGateway.payment("via-admin-1"), merchant).field("respcd"))
                    .as("the new merchant pays at once, within the app cache's time").isIn("0000");
        }
    }

    @Test
    void errorsAndExitStatusComeBackThroughTheChannel() throws Exception {
        try (Gateway gateway = Gateway.start(local(data))) {
            Cli missing = Cli.run("merchant", "rotate-key", "0123456789ABCDEF0123456789ABCDEF", "--data", data.toString());
            assertThat(missing.exit()).isEqualTo(2);
            assertThat(missing.err()).contains("no app 0123456789ABCDEF0123456789ABCDEF");
        }
    }

    @Test
    void theChannelRunsManagementCommandsOnly() throws Exception {
        try (Gateway gateway = Gateway.start(local(data))) {
            Path requests = data.resolve("admin").resolve("requests");
            Files.writeString(requests.resolve("x.json.tmp"),
                    "{\"args\":[\"serve\",\"--port\",\"0\",\"--data\",\"/tmp/elsewhere\"],\"cwd\":\"/\"}");
            Files.move(requests.resolve("x.json.tmp"), requests.resolve("x.json"));
            Path reply = data.resolve("admin").resolve("replies").resolve("x.json");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> Files.exists(reply));
            var answer = new ObjectMapper().readTree(reply.toFile());
            assertThat(answer.get("exit").asInt()).isEqualTo(2);
            assertThat(answer.get("err").asText()).contains("only management commands");
        }
    }

    private static GatewayConfig local(Path folder) {
        return GatewayConfig.defaults(folder).withPort(0);
    }

    private static String mode(Path p) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

}
