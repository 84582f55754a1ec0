package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.store.Database;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Apps and merchants made with {@code ./qfgate merchant …} are stamped in the gateway's time
 * (its zone, UTC+8), as every time the gateway stores, whatever the machine's time zone.
 */
class MerchantCommandTimesTest {
    /** UTC+14: a machine zone far from the gateway's, so a time in the wrong zone is hours off. */
    static final TimeZone FAR_AWAY = TimeZone.getTimeZone("Pacific/Kiritimati");

    @TempDir
    Path data;

    /** Where the commands' database is: {@code --data}, and {@code --db} on PostgreSQL. */
    final List<String> where = new ArrayList<>();

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void appsAndMerchantsAreStampedInTheGatewaysTimeNotTheMachines(String db) {
        String dbUrl = TestDatabases.fresh(db);
        where.addAll(List.of("--data", data.toString()));
        if (db.equals(TestDatabases.POSTGRESQL)) {
            where.addAll(List.of("--db", dbUrl));
        }
        LocalDateTime before = gatewayNow();
        TimeZone machine = TimeZone.getDefault();
        TimeZone.setDefault(FAR_AWAY);
        try {
            ok("merchant", "create", "--name", "Kowloon Books");
            String agent = ok("merchant", "create-agent", "--name", "Mall Platform").values().get("app_code");
            ok("merchant", "add-sub", "--agent", agent, "--name", "Stall 7");
        } finally {
            TimeZone.setDefault(machine);
        }
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

    private Cli ok(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(where);
        Cli cli = Cli.run(all.toArray(String[]::new));
        assertThat(cli.exit()).as(cli.all()).isZero();
        return cli;
    }

    private static LocalDateTime gatewayNow() {
        return QfTime.now(Clock.systemUTC(), QfTime.DEFAULT_ZONE, ChronoUnit.NANOS);
    }
}
