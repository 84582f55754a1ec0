package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestKeys;
import io.qfgate.server.store.AlipaySettings;
import io.qfgate.server.store.Database;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlSandboxPartner;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sandbox mode by default, production once a real partner is configured, and nothing between:
 * the embedded sandbox never serves beside, or signs with, a partner that can move real money.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class ModesTest {
    static final String PRODUCTION_URL = "https://intlmapi.alipay.example/gateway.do";

    @Parameter
    String db;

    @TempDir
    Path data;

    String dbUrl;

    GatewayConfig config() {
        if (dbUrl == null) {
            dbUrl = TestDatabases.fresh(db);
        }
        return GatewayConfig.defaults(data).withDb(dbUrl).withPort(0);
    }

    @Test
    void anEmptyDataFolderStartsInSandboxModeWithDemoMerchantsAndTheEmbeddedSandbox() {
        try (Gateway gateway = Gateway.start(config())) {
            assertThat(gateway.mode()).isEqualTo(Mode.SANDBOX);
            assertThat(get(gateway, "/status").json()).containsEntry("mode", "sandbox");
            assertThat(gateway.demo()).isNotNull();
            assertThat(get(gateway, Gateway.SANDBOX_PATH + "/gateway.do?service=single_trade_query").status())
                    .isNotEqualTo(404);
            String payUrl = pay(gateway, gateway.demo().merchant()).field("pay_url");
            assertThat(payUrl).startsWith(gateway.publicUrl() + Gateway.SANDBOX_PATH + "/gateway.do?");
        }
    }

    @Test
    void aConfiguredPartnerMeansProductionModeWithNoSandboxPathsAndNoDemo() {
        assertThat(cli("alipay", "set", "--partner", "2088111122223333", "--md5-key", "real-alipay-key-0001",
                "--gateway-url", PRODUCTION_URL).exit()).isZero();
        try (Gateway gateway = Gateway.start(config())) {
            assertThat(gateway.mode()).isEqualTo(Mode.PRODUCTION);
            assertThat(get(gateway, "/status").json()).containsEntry("mode", "production");
            assertThat(gateway.demo()).as("no demo apps in production").isNull();
            assertThat(data.resolve("demo-credentials.json")).doesNotExist();
            for (String path : new String[] {"/gateway.do?service=x", "/cashier", "/wallet", "/"}) {
                assertThat(get(gateway, Gateway.SANDBOX_PATH + path).status()).as(path).isEqualTo(404);
            }
            assertThat(post(gateway, Gateway.SANDBOX_PATH + "/wallet/pay").status()).isEqualTo(404);
            TestGateway.Answer home = get(gateway, "/");
            assertThat(home.status()).as("the home page names the gateway, no demo store").isEqualTo(200);
            assertThat(new String(home.body(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("qfgate payment gateway", "href=\"/status\"").doesNotContain("/demo/buy", "Pay with");
            for (String path : new String[] {"/demo/thanks?out_trade_no=demo-20261127100000-deadbeef", "/demo/failed"}) {
                assertThat(get(gateway, path).status()).as(path).isEqualTo(404);
            }
            assertThat(post(gateway, "/demo/buy").status()).isEqualTo(404);
            assertThat(post(gateway, "/demo/notify").status()).isEqualTo(404);
        }
        Map<String, String> merchant = cli("merchant", "create", "--name", "Real Shop").values();
        try (Gateway gateway = Gateway.start(config())) {
            String payUrl = pay(gateway, new DemoCredentials.Merchant(merchant.get("app_code"), merchant.get("client_key")))
                    .field("pay_url");
            assertThat(payUrl).as("pay URLs point at the configured Alipay").startsWith(PRODUCTION_URL + "?")
                    .contains("partner=2088111122223333");
        }
    }

    @Test
    void aPartnerWithoutAGatewayUrlIsRefusedAtStartNotServedByTheSandbox() {
        try (Database database = Database.open(config().jdbcUrl(), 2, TestKeys.ofDataDir(data))) {
            // As an older version saved it: a partner and key, no gateway URL.
            new SqlAlipayAccounts(database).save(new AlipaySettings("2088111122223333", "real-alipay-key-0001", "MD5",
                    null, null, null));
        }
        assertThatThrownBy(() -> Gateway.start(config())).isInstanceOf(AlipaySetup.Refused.class)
                .hasMessageContaining("2088111122223333 has no gateway URL")
                .hasMessageNotContaining("real-alipay-key-0001");
    }

    @Test
    void aProductionAccountNeverPointsAtAnEmbeddedSandbox() {
        Cli bad = cli("alipay", "set", "--partner", "2088111122223333", "--md5-key", "real-alipay-key-0001",
                "--gateway-url", "http://127.0.0.1:8080/alipay-sandbox/gateway.do");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("embedded sandbox");
        assertThat(cli("alipay", "set", "--partner", "2088111122223333", "--md5-key", "k").exit())
                .as("no gateway URL").isEqualTo(2);
    }

    @Test
    void theSandboxPartnerCanNeverBeSetForProduction() {
        try (Gateway gateway = Gateway.start(config())) {
            // the sandbox partner exists once a sandbox-mode gateway has started
        }
        SqlSandboxPartner.Partner sandbox;
        try (Database database = Database.open(config().jdbcUrl(), 2, TestKeys.ofDataDir(data))) {
            sandbox = new SqlSandboxPartner(database).load().orElseThrow();
        }
        Cli same = cli("alipay", "set", "--partner", sandbox.partner(), "--md5-key", sandbox.md5Key(),
                "--gateway-url", PRODUCTION_URL);
        assertThat(same.exit()).isEqualTo(2);
        assertThat(same.err()).contains("sandbox's own partner").doesNotContain(sandbox.md5Key());
        Cli sameKey = cli("alipay", "set", "--partner", "2088111122223333", "--md5-key", sandbox.md5Key(),
                "--gateway-url", PRODUCTION_URL);
        assertThat(sameKey.exit()).isEqualTo(2);
    }

    @Test
    void resettingTheAccountReturnsToSandboxMode() {
        cli("alipay", "set", "--partner", "2088111122223333", "--md5-key", "real-alipay-key-0001",
                "--gateway-url", PRODUCTION_URL);
        assertThat(cli("alipay", "reset").out()).contains("removed");
        try (Gateway gateway = Gateway.start(config())) {
            assertThat(gateway.mode()).isEqualTo(Mode.SANDBOX);
        }
    }

    @Test
    void theSandboxPartnerSignsRsa2OnceResetWithThatSignTypeAndOtherTypesAreRefused() {
        Cli bad = cli("alipay", "reset", "--sign-type", "RSA");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("--sign-type must be MD5 or RSA2");

        assertThat(cli("alipay", "reset", "--sign-type", "RSA2").exit()).isZero();

        assertThat(cli("alipay", "show").out()).contains("sandbox mode").contains("signs RSA2");
        try (Gateway gateway = Gateway.start(config())) {
            assertThat(gateway.mode()).isEqualTo(Mode.SANDBOX);
            assertThat(pay(gateway, gateway.demo().merchant()).field("pay_url")).contains("sign_type=RSA2");
        }
        assertThat(cli("alipay", "reset", "--sign-type", "MD5").out()).contains("signs MD5");
    }

    Cli cli(String... args) {
        String[] all = java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--data", data.toString(), "--db", config().jdbcUrl())).toArray(String[]::new);
        return Cli.run(all);
    }

    static TestGateway.Answer pay(Gateway gateway, DemoCredentials.Merchant m) {
        var params = TestGateway.payment("mode-" + System.nanoTime());
        return TestGateway.send(CommandLineTest.signed(gateway, params, Map.of("app_code", m.app_code(),
                "client_key", m.client_key())));
    }

    static TestGateway.Answer get(Gateway gateway, String path) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gateway.publicUrl() + path)).GET());
    }

    static TestGateway.Answer post(Gateway gateway, String path) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(gateway.publicUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("buyer=buyer-rich")));
    }
}
