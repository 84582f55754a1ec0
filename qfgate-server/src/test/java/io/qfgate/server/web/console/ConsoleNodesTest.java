package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestKeys;
import io.qfgate.server.store.Secrets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Two gateway nodes on one database, as behind a load balancer: a session and the failed
 * sign-ins are the database's, so either node honours what the other did.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class ConsoleNodesTest {
    @Parameter
    String db;

    final Secrets masterKey = TestKeys.fresh();
    TestGateway a;
    TestGateway b;

    @BeforeEach
    void start() {
        String dbUrl = TestDatabases.fresh(db);
        a = new TestGateway(db, masterKey, c -> c.withDb(dbUrl));
        b = new TestGateway(db, masterKey, c -> c.withDb(dbUrl));
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    @Test
    void aSessionMadeAtOneNodeWorksAtTheOtherAndSigningOutThereEndsItEverywhere() {
        Browserless atA = new Browserless(a, "/portal");
        assertThat(atA.signIn(a.demo().portal().username(), a.demo().portal().password()).status()).isEqualTo(303);
        Browserless atB = new Browserless(b, "/portal");
        atB.cookies.putAll(atA.cookies);
        String page = Browserless.text(atB.get("/portal/"));
        assertThat(page).contains("demo-owner");

        atB.post("/portal/logout", Map.of("csrf", Browserless.csrfOf(atB.get("/portal/"))));
        assertThat(atA.get("/portal/").header("Location")).isEqualTo("/portal/login");
    }

    @Test
    void failuresAtBothNodesAddUpToOneLockout() {
        String username = a.demo().operator().username();
        for (int i = 0; i < 2; i++) {
            assertThat(new Browserless(a, "/admin").signIn(username, "wrong password " + i).status()).isEqualTo(401);
            assertThat(new Browserless(b, "/admin").signIn(username, "wrong password B" + i).status()).isEqualTo(401);
        }
        assertThat(new Browserless(b, "/admin").signIn(username, "wrong password 5").status()).isEqualTo(429);
        assertThat(new Browserless(a, "/admin").signIn(username, a.demo().operator().password()).status())
                .as("the right password at the other node").isEqualTo(429);
    }

    @Test
    void concurrentWrongPasswordsAtBothNodesStillLockTheAccount() throws Exception {
        String username = a.demo().portal().username();
        List<Future<Integer>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 8; i++) {
                TestGateway node = i % 2 == 0 ? a : b;
                String guess = "guess " + i;
                answers.add(pool.submit(() -> new Browserless(node, "/portal").signIn(username, guess).status()));
            }
        }
        for (Future<Integer> answer : answers) {
            assertThat(answer.get()).isIn(401, 429);
        }
        assertThat(new Browserless(b, "/portal").signIn(username, a.demo().portal().password()).status())
                .isEqualTo(429);
    }
}
