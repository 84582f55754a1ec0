package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A notification URL is refused where the operator sets it, as the API refuses a request's
 * {@code notify_url}: not later, as a notice retried for a day against a port nobody may call.
 */
class NotifyUrlOnTheCommandLineTest {
    @TempDir
    Path data;

    @ParameterizedTest
    @ValueSource(strings = {"notaurl", "ftp://shop.example/qfpay", "http://93.184.216.34:18510/qfpay",
        "http://127.0.0.1/qfpay", "http://10.0.0.8/qfpay", "http://[::ffff:127.0.0.1]/qfpay", "http://0.0.0.0/"})
    void merchantsAndAppsRefuseAUrlTheGatewayWouldNotCall(String url) throws Exception {
        Cli create = cli("merchant", "create", "--name", "Shop", "--notify-url", url);
        assertThat(create.exit()).isEqualTo(2);
        assertThat(create.err()).startsWith("error: --notify-url");
        assertThat(cli("merchant", "list").out()).doesNotContain("Shop");

        Cli agent = cli("merchant", "create-agent", "--name", "Mall");
        String appCode = agent.values().get("app_code");
        assertThat(cli("merchant", "update-app", appCode, "--notify-url", url).exit()).isEqualTo(2);
        assertThat(cli("merchant", "add-sub", "--agent", appCode, "--name", "Shop 12", "--notify-url", url).exit())
                .isEqualTo(2);
    }

    @Test
    void aPublicHttpsUrlIsTaken() throws Exception {
        Cli create = cli("merchant", "create", "--name", "Shop", "--notify-url",
                "https://93.184.216.34/qfpay");
        assertThat(create.exit()).as(create.err()).isZero();
        assertThat(cli("merchant", "list").out()).contains("notify_url=https://93.184.216.34/qfpay");
    }

    @Test
    void throughARunningGatewayItsOwnRulesApply() throws Exception {
        var local = GatewayConfig.defaults(data).withPort(0)
                .withDelivery(Dispatcher.Settings.defaults(TargetPolicy.LOCAL));
        try (Gateway gateway = Gateway.start(local)) {
            Cli create = cli("merchant", "create", "--name", "Test Shop", "--notify-url",
                    "http://127.0.0.1:18510/qfpay");
            assertThat(create.exit()).as("serve --notify-ports any --notify-allow-private: " + create.err()).isZero();
        }
    }

    private Cli cli(String... args) throws Exception {
        String[] all = java.util.Arrays.copyOf(args, args.length + 2);
        all[args.length] = "--data";
        all[args.length + 1] = data.toString();
        return Cli.run(all);
    }
}
