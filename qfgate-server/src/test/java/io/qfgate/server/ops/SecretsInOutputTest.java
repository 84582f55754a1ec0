package io.qfgate.server.ops;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestKeys;
import io.qfgate.server.channel.alipay.AlipayChannel;
import io.qfgate.server.store.SqlSandboxPartner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** No key is ever printed: not by the commands that show accounts, not in the log, not in an error. */
class SecretsInOutputTest {
    static final String MD5_KEY = "k5jqf0y2xv8ma3n1wz7rb4tc6hd9pe0s";
    static final String RSA_KEY = TestKeys.rsaPrivateKeyPem(2048);

    @TempDir
    Path tmp;

    final ListAppender<ILoggingEvent> log = new ListAppender<>();
    final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);

    @BeforeEach
    void captureLog() {
        log.start();
        root.addAppender(log);
    }

    @AfterEach
    void stopCapture() {
        root.detachAppender(log);
    }

    @Test
    void alipayShowPrintsReadableFieldsAndOnlyWhetherAKeyIsSet() throws Exception {
        Path data = tmp.resolve("data");
        Path rsaFile = Files.writeString(tmp.resolve("rsa.pem"), RSA_KEY);
        Cli set = Cli.run("alipay", "set", "--partner", "2088000000000001", "--sign-type", "RSA2", "--md5-key", MD5_KEY,
                "--rsa-private-key-file", rsaFile.toString(), "--gateway-url", "https://alipay.example/gateway.do",
                "--data", data.toString());

        Cli shown = Cli.run("alipay", "show", "--data", data.toString());

        assertThat(shown.exit()).as(shown.all()).isZero();
        assertThat(shown.out().lines().toList()).containsExactly(
                "partner:            2088000000000001",
                "sign type:          RSA2",
                "gateway URL:        https://alipay.example/gateway.do",
                "MD5 key:            set",
                "RSA private key:    set",
                "Alipay public key:  not set");
        assertNoKeyIn(set.all() + shown.all(), List.of(MD5_KEY));
    }

    @Test
    void anAccountWithoutAnRsaKeySaysSoAndSandboxModeIsNamed() {
        Path data = tmp.resolve("data");
        assertThat(Cli.run("alipay", "show", "--data", data.toString()).out()).isEqualTo("not configured (sandbox mode)"
                + System.lineSeparator());
        Cli.run("alipay", "set", "--partner", "2088000000000001", "--md5-key", MD5_KEY, "--gateway-url",
                "https://alipay.example/gateway.do", "--data", data.toString());

        String shown = Cli.run("alipay", "show", "--data", data.toString()).out();

        assertThat(shown).contains("sign type:          MD5", "gateway URL:        https://alipay.example/gateway.do",
                "MD5 key:            set", "RSA private key:    not set").doesNotContain(MD5_KEY, "AlipayAccount[");
    }

    @Test
    void neitherTheCommandsNorTheLogOfAWorkingGatewayShowAKey() throws Exception {
        Path data = tmp.resolve("data");
        List<String> keys = new ArrayList<>();
        List<String> output = new ArrayList<>();
        try (Gateway gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withHost("127.0.0.1"))) {
            var merchant = gateway.demo().merchant();
            keys.add(merchant.client_key());
            keys.add(gateway.demo().agent().client_key());
            keys.add(new SqlSandboxPartner(gateway.database()).load().orElseThrow().md5Key());
            Map<String, String> good = Map.of("app_code", merchant.app_code(), "client_key", merchant.client_key());
            Map<String, String> forged = Map.of("app_code", merchant.app_code(), "client_key", "0".repeat(32));
            assertThat(TestGateway.send(CommandLineTest.signed(gateway, payment("log-1"), good)).field("respcd"))
                    .isEqualTo("0000");
            assertThat(TestGateway.send(CommandLineTest.signed(gateway, payment("log-2"), forged)).field("respcd"))
                    .isEqualTo("1108");
            TestGateway.send(HttpRequest.newBuilder(URI.create(gateway.publicUrl() + AlipayChannel.NOTIFY_PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("out_trade_no=x&sign=forged&sign_type=MD5")));
        }
        Path badRsa = Files.writeString(tmp.resolve("bad.pem"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        output.add(Cli.run("alipay", "set", "--sign-type", "RSA2", "--rsa-private-key-file", badRsa.toString(),
                "--data", data.toString()).all());
        Cli created = Cli.run("merchant", "create", "--name", "Kowloon Books", "--data", data.toString());
        keys.add(created.values().get("client_key"));
        output.add(Cli.run("merchant", "list", "--data", data.toString()).all());
        output.add(Cli.run("alipay", "show", "--data", data.toString()).all());

        assertThat(output.get(1)).as("merchant list shows the apps").contains(created.values().get("app_code"), "Kowloon Books");
        assertThat(log.list).as("the log was captured").isNotEmpty();
        assertNoKeyIn(String.join("\n", output), keys);
        assertNoKeyIn(logText(), keys);
    }

    private String logText() {
        StringBuilder text = new StringBuilder();
        for (ILoggingEvent event : log.list) {
            text.append(event.getFormattedMessage()).append('\n');
            if (event.getThrowableProxy() != null) {
                text.append(ThrowableProxyUtil.asString(event.getThrowableProxy())).append('\n');
            }
        }
        return text.toString();
    }

    private static void assertNoKeyIn(String text, List<String> keys) {
        for (String key : keys) {
            assertThat(key).isNotBlank();
            assertThat(text).doesNotContain(key).doesNotContainIgnoringCase(key);
        }
        for (String line : RSA_KEY.lines().filter(l -> !l.startsWith("-----") && l.length() >= 16).toList()) {
            assertThat(text).doesNotContain(line);
        }
    }
}
