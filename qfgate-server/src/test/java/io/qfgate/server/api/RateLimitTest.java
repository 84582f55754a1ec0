package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlApps;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Per-app request limits through the API: sliding windows of the gateway's clock (see RateLimitsTest). */
class RateLimitTest {
    TestGateway gw;
    DemoCredentials.Merchant merchant;
    DemoCredentials.Agent agent;
    int n;

    @BeforeEach
    void start() {
        gw = new TestGateway(TestDatabases.H2);
        merchant = gw.demo().merchant();
        agent = gw.demo().agent();
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateApp(apps.byAppCode(merchant.app_code()).orElseThrow().id(), null, null, 3, 5, null);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    Answer call() {
        return gw.post("/trade/v1/payment", payment("rl-" + n++), merchant.app_code(), merchant.client_key());
    }

    @Test
    void overThePerSecondLimitAnswers429WithRetryAfter() {
        for (int i = 0; i < 3; i++) {
            assertThat(call().status()).isEqualTo(200);
        }
        Answer limited = call();

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.header("Retry-After")).isEqualTo("1");
        assertThat(limited.field("resperr")).startsWith("rate limit exceeded for this app (3/s, 5/min)");

        gw.clock.advance(Duration.ofSeconds(1));
        assertThat(call().status()).isEqualTo(200);
    }

    @Test
    void overThePerMinuteLimitWaitsForTheNextMinute() {
        for (int i = 0; i < 5; i++) {
            assertThat(call().status()).isEqualTo(200);
            gw.clock.advance(Duration.ofSeconds(1));
        }
        Answer limited = call();

        assertThat(limited.status()).isEqualTo(429);
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isEqualTo(55);

        gw.clock.advance(Duration.ofSeconds(55));
        assertThat(call().status()).isEqualTo(200);
    }

    @Test
    void limitsArePerApp() {
        for (int i = 0; i < 3; i++) {
            call();
        }
        assertThat(call().status()).isEqualTo(429);

        var p = payment("other-app");
        p.put("mchid", agent.mchid());
        assertThat(gw.post("/trade/v1/payment", p, agent.app_code(), agent.client_key()).status()).isEqualTo(200);
    }

    @Test
    void refusedSignaturesDoNotSpendTheAppsAllowance() {
        for (int i = 0; i < 10; i++) {
            gw.post("/trade/v1/payment", payment("forged-" + i), merchant.app_code(), "0".repeat(32));
        }
        assertThat(call().status()).isEqualTo(200);
    }
}
