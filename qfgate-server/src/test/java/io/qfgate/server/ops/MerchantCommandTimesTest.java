package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.store.Database;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apps and merchants made with {@code ./qfgate merchant …} are stamped in the gateway's time
 * (its zone, UTC+8), as every time the gateway stores, whatever the machine's time zone. The
 * commands run as the operator runs them, in a JVM of their own whose zone is set far from the
 * gateway's (a zone set in this JVM would stay cached in the database drivers after the test).
 */
class MerchantCommandTimesTest {
    /** UTC+14: a machine zone far from the gateway's, so a time in the wrong zone is hours off. */
    static final String FAR_AWAY = "Pacific/Kiritimati";

    @TempDir
    Path data;

    /** Where the commands' database is: {@code --data}, and {@code --db} on PostgreSQL. */
    final List<String> where = new ArrayList<>();

    @ParameterizedTest(name = "on {0}")
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void appsAndMerchantsAreStampedInTheGatewaysTimeNotTheMachines(String db) throws Exception {
        String dbUrl = TestDatabases.fresh(db);
        where.addAll(List.of("--data", data.toString()));
        if (db.equals(TestDatabases.POSTGRESQL)) {
            where.addAll(List.of("--db", dbUrl));
        }
        LocalDateTime before = gatewayNow();
        ok("merchant", "create", "--name", "Kowloon Books");
        String agent = ok("merchant", "create-agent", "--name", "Mall Platform").lines()
                .filter(l -> l.startsWith("app_code=")).findFirst().orElseThrow().substring("app_code=".length());
        ok("merchant", "add-sub", "--agent", agent, "--name", "Stall 7");
        LocalDateTime after = gatewayNow();

        String jdbcUrl = db.equals(TestDatabases.POSTGRESQL) ? dbUrl : Database.h2Url(data);
        try (Database database = Database.open(jdbcUrl, 2, TestKeys.ofDataDir(data))) {
            List<LocalDateTime> stamps = database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT created_at FROM apps UNION ALL SELECT created_at FROM merchants""")
                    .mapTo(LocalDateTime.class).list());
            assertThat(stamps).as("2 apps, 2 merchants").hasSize(4).allSatisfy(t -> assertThat(t)
                    .as("between %s and %s, gateway time", before, after)
                    .isBetween(before.minus(Duration.ofSeconds(1)), after.plus(Duration.ofSeconds(1))));
        }
    }

    /** Runs {@code ./qfgate <args>} in a JVM on the far zone; returns what it printed. */
    private String ok(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Duser.timezone=" + FAR_AWAY, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                "io.qfgate.server.ops.Main"));
        command.addAll(List.of(args));
        command.addAll(where);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("finished").isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static LocalDateTime gatewayNow() {
        return QfTime.now(Clock.systemUTC(), QfTime.DEFAULT_ZONE, ChronoUnit.NANOS);
    }
}
