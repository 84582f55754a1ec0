package io.qfgate.server.ops;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestGateway;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What an operator does with {@code ./qfgate}: start on an empty folder, then manage merchants. */
class CommandLineTest {
    @TempDir
    Path data;

    /** Runs one command and returns what it printed, as key=value lines parsed into a map. */
    Map<String, String> run(String... args) {
        PrintStream original = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        int exit;
        try {
            exit = new CommandLine(new Main()).execute(args);
        } finally {
            System.setOut(original);
        }
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(text).isZero();
        Map<String, String> values = new HashMap<>();
        text.lines().filter(l -> l.matches("[a-z_]+=.*")).forEach(l -> {
            int eq = l.indexOf('=');
            values.put(l.substring(0, eq), l.substring(eq + 1));
        });
        values.put("_text", text);
        return values;
    }

    @Test
    void firstStartCreatesAndWritesDemoCredentials() throws Exception {
        try (Gateway gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            JsonNode file = new ObjectMapper().readTree(data.resolve("demo-credentials.json").toFile());
            assertThat(file.at("/merchant/app_code").asText()).matches("[0-9A-F]{32}")
                    .isEqualTo(gateway.demo().merchant().app_code());
            assertThat(file.at("/merchant/client_key").asText()).matches("[0-9A-F]{32}");
            assertThat(file.at("/agent/app_code").asText()).matches("[0-9A-F]{32}");
            assertThat(file.at("/agent/client_key").asText()).matches("[0-9A-F]{32}");
            assertThat(file.at("/agent/mchid").asText()).matches("[A-Za-z0-9]{1,16}");
            assertThat(Files.exists(data.resolve("qfgate.mv.db"))).isTrue();
        }
        try (Gateway again = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            assertThat(again.demo()).as("the demo is made once, on an empty database").isNull();
        }
    }

    @Test
    void merchantsCreatedOnTheCommandLineCanPay() {
        Map<String, String> created = run("merchant", "create", "--name", "Kowloon Books", "--mcc", "5942",
                "--pay-types", "801101,801107", "--currencies", "HKD", "--data", data.toString());
        assertThat(created.get("app_code")).matches("[0-9A-F]{32}");
        assertThat(created.get("client_key")).matches("[0-9A-F]{32}");

        try (Gateway gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            var answer = TestGateway.send(signed(gateway, payment("cli-1"), created));
            assertThat(answer.field("respcd")).isEqualTo("0000");
            assertThat(answer.field("pay_url")).contains("secondary_merchant_industry=5942");

            var usd = payment("cli-2");
            usd.put("txcurrcd", "USD");
            assertThat(TestGateway.send(signed(gateway, usd, created)).field("respcd")).isEqualTo("1250");
        }

        String list = run("merchant", "list", "--data", data.toString()).get("_text");
        assertThat(list).contains(created.get("app_code"), "Kowloon Books", "801101,801107", "HKD")
                .doesNotContain(created.get("client_key"));
    }

    @Test
    void agentsGetSubMerchantsAndKeysCanBeRotated() {
        Map<String, String> agent = run("merchant", "create-agent", "--name", "Mall Platform", "--data", data.toString());
        Map<String, String> sub = run("merchant", "add-sub", "--agent", agent.get("app_code"), "--name", "Shop 12",
                "--data", data.toString());
        assertThat(sub.get("mchid")).matches("[A-Za-z0-9]{12}");

        run("merchant", "update", sub.get("mchid"), "--no-enable", "--data", data.toString());
        Map<String, String> rotated = run("merchant", "rotate-key", agent.get("app_code"), "--data", data.toString());
        assertThat(rotated.get("client_key")).matches("[0-9A-F]{32}").isNotEqualTo(agent.get("client_key"));

        try (Gateway gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            var p = payment("sub-1");
            p.put("mchid", sub.get("mchid"));
            Map<String, String> newCredentials = Map.of("app_code", agent.get("app_code"), "client_key", rotated.get("client_key"));
            assertThat(TestGateway.send(signed(gateway, p, agent)).field("respcd")).as("old key").isEqualTo("1108");
            assertThat(TestGateway.send(signed(gateway, p, newCredentials)).field("respcd")).as("disabled").isEqualTo("1243");
        }
    }

    @Test
    void alipayPartnerSettingsAreValidated() {
        int bad = new CommandLine(new Main()).execute("alipay", "set", "--partner", "1234", "--md5-key", "k",
                "--data", data.toString());
        assertThat(bad).isEqualTo(2);

        run("alipay", "set", "--partner", "2088000000000001", "--md5-key", "secretkey", "--gateway-url",
                "https://alipay.example/gateway.do", "--data", data.toString());
        String shown = run("alipay", "show", "--data", data.toString()).get("_text");
        assertThat(shown).contains("2088000000000001", "https://alipay.example/gateway.do").doesNotContain("secretkey");
    }

    static HttpRequest.Builder signed(Gateway gateway, Map<String, String> params, Map<String, String> credentials) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port() + "/trade/v1/payment"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", credentials.get("app_code"))
                .header("X-QF-SIGN", QfSignature.signParams(params, credentials.get("client_key"), SignType.MD5))
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.form(params)));
    }
}
