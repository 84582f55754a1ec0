package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.web.console.Browserless;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ./qfgate operator create} and {@code ./qfgate portal-user create} while the gateway runs
 * (on H2 through its admin channel): the password comes from stdin or a file, never from the
 * arguments, is never printed, and the new account signs in.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class ConsoleCommandsTest {
    private static final String PASSWORD = "tide pools at dawn";

    @Parameter
    String db;

    @TempDir
    Path data;

    String dbUrl;
    Gateway gateway;

    @BeforeEach
    void start() {
        dbUrl = db.equals(TestDatabases.H2) ? null : TestDatabases.fresh(db);
        gateway = Gateway.start(GatewayConfig.defaults(data).withPort(0).withDb(dbUrl));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void anOperatorMadeFromStdinSignsInToTheConsole() {
        Cli made = Cli.runWithStdin(PASSWORD + "\n", args("operator", "create", "--username", "Night.Owl"));
        assertThat(made.exit()).as(made.all()).isZero();
        assertThat(made.out()).isEqualTo("created operator night.owl\n");
        assertThat(made.all()).doesNotContain(PASSWORD);

        Browserless console = new Browserless(gateway.publicUrl(), "/admin");
        assertThat(console.signIn("night.owl", PASSWORD).status()).isEqualTo(303);
        assertThat(Browserless.text(console.get("/admin/"))).contains("night.owl", "Demo Merchant");
    }

    @Test
    void aPortalUserMadeWithAPasswordFileSignsInToThePortalWithTheirRole() throws Exception {
        Path file = data.resolve("password.txt");
        Files.writeString(file, PASSWORD + "\n");
        String appCode = gateway.demo().merchant().app_code();
        Cli made = Cli.run(args("portal-user", "create", "--app", appCode, "--username", "till-2", "--role", "cashier",
                "--refund-limit", "20000", "--password-file", file.toString()));
        assertThat(made.exit()).as(made.all()).isZero();
        assertThat(made.out()).isEqualTo("created portal user till-2 (cashier) of app " + appCode + "\n");

        Browserless portal = new Browserless(gateway.publicUrl(), "/portal");
        assertThat(portal.signIn("till-2", PASSWORD).status()).isEqualTo(303);
        assertThat(Browserless.text(portal.get("/portal/"))).contains("till-2", "Cashier", "20000", "Demo Merchant");
    }

    @Test
    void badAccountsAreRefusedWithAClearErrorAndNothingSecretPrinted() {
        String appCode = gateway.demo().merchant().app_code();
        assertRefused(Cli.runWithStdin("short\n", args("operator", "create", "--username", "bob")),
                "at least 10 characters");
        assertRefused(Cli.runWithStdin(PASSWORD, args("operator", "create", "--username", "demo-operator")),
                "username demo-operator is taken");
        assertRefused(Cli.runWithStdin(PASSWORD, args("operator", "create", "--username", "no spaces")),
                "a username is 3 to 64 characters");
        assertRefused(Cli.runWithStdin("", args("operator", "create", "--username", "bob")), "no password");
        assertRefused(Cli.runWithStdin(PASSWORD, args("portal-user", "create", "--app", appCode, "--username", "c1",
                "--role", "cashier")), "refund limit");
        assertRefused(Cli.runWithStdin(PASSWORD, args("portal-user", "create", "--app", "F".repeat(32),
                "--username", "someone", "--role", "owner")), "no app");
        Cli onArgv = Cli.run(args("operator", "create", "--username", "bob", "--password", PASSWORD));
        assertThat(onArgv.exit()).isEqualTo(2);
        assertThat(onArgv.err()).contains("Unknown option");
    }

    private static void assertRefused(Cli cli, String error) {
        assertThat(cli.exit()).as(cli.all()).isEqualTo(2);
        assertThat(cli.err()).contains("error: ", error);
        assertThat(cli.all()).doesNotContain(PASSWORD);
    }

    private String[] args(String... command) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of("--data", data.toString()));
        if (dbUrl != null) {
            all.addAll(List.of("--db", dbUrl));
        }
        return all.toArray(String[]::new);
    }
}
