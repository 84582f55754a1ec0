package io.qfgate.server.ops;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code merchant disable-app}/{@code enable-app}: a disabled app's every signed call is refused, until enabled. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class DisabledAppTest {
    @Parameter
    String db;

    String dbUrl;
    TestGateway gw;
    DemoCredentials.Merchant merchant;
    DemoCredentials.Agent agent;
    int n;

    @BeforeEach
    void start() {
        dbUrl = TestDatabases.fresh(db);
        // The gateway caches apps for 0 s here, so the very next call sees what the command changed.
        gw = new TestGateway(db, config -> config.withDb(dbUrl));
        merchant = gw.demo().merchant();
        agent = gw.demo().agent();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    /** {@code ./qfgate ARGS} on this test's database and data folder. */
    Cli cli(String... args) {
        return Cli.run(java.util.stream.Stream.concat(java.util.Arrays.stream(args),
                java.util.stream.Stream.of("--db", dbUrl, "--data", gw.dataDir.toString())).toArray(String[]::new));
    }

    Answer pay() {
        return gw.post("/trade/v1/payment", payment("dis-" + n++), merchant.app_code(), merchant.client_key());
    }

    Answer query() {
        return gw.post("/trade/v1/query", Map.of("out_trade_no", "dis-0"), merchant.app_code(), merchant.client_key());
    }

    @Test
    void aDisabledAppsCallsAreAllRefusedWithASignedAnswerUntilItIsEnabled() {
        assertThat(pay().field("respcd")).isEqualTo("0000");

        Cli disabled = cli("merchant", "disable-app", merchant.app_code());
        assertThat(disabled.exit()).as(disabled.err()).isZero();
        assertThat(disabled.out()).contains("disabled app " + merchant.app_code());

        for (Answer refused : new Answer[] {pay(), query()}) {
            assertThat(refused.status()).isEqualTo(200);
            assertThat(refused.field("respcd")).isEqualTo("1107");
            assertThat(refused.field("resperr")).contains("app is disabled");
            assertThat(QfSignature.verifyBody(refused.body(), merchant.client_key(), SignType.MD5, refused.header("X-QF-SIGN")))
                    .as("signed with the app's key, so the merchant can trust it").isTrue();
        }

        assertThat(cli("merchant", "enable-app", merchant.app_code()).exit()).isZero();
        assertThat(pay().field("respcd")).isEqualTo("0000");
        assertThat(query().field("respcd")).isEqualTo("0000");
    }

    @Test
    void aForgedCallToADisabledAppLearnsOnlyThatItsSignatureIsWrong() {
        cli("merchant", "disable-app", merchant.app_code());

        Answer forged = gw.post("/trade/v1/payment", payment("forged"), merchant.app_code(), "0".repeat(32));

        assertThat(forged.field("respcd")).isEqualTo("1108");
        assertThat(forged.field("resperr")).doesNotContain("disabled");
    }

    @Test
    void otherAppsKeepWorking() {
        cli("merchant", "disable-app", merchant.app_code());

        var p = payment("agent-1");
        p.put("mchid", agent.mchid());
        assertThat(gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key()).field("respcd")).isEqualTo("0000");
    }

    @Test
    void listShowsDisabledAppsAndDisablingAMerchantKeepsItsOwnMeaning() {
        cli("merchant", "disable-app", agent.app_code());
        cli("merchant", "update", merchant.app_code(), "--no-enable");

        String list = cli("merchant", "list").out();
        assertThat(list.lines().filter(l -> l.startsWith(agent.app_code()))).singleElement().asString().contains("DISABLED");
        assertThat(list.lines().filter(l -> l.startsWith(merchant.app_code()))).singleElement().asString()
                .doesNotContain("DISABLED");
        // A disabled merchant (not app): payments refused as the store disabled, queries still answered.
        assertThat(pay().field("respcd")).isEqualTo("1243");
        assertThat(query().field("respcd")).isEqualTo("0000");
    }

    @Test
    void anUnknownAppCodeIsAnError() {
        Cli run = cli("merchant", "disable-app", "F".repeat(32));

        assertThat(run.exit()).isEqualTo(2);
        assertThat(run.err()).contains("no app " + "F".repeat(32));
    }
}
