package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.ops.DemoCredentials;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The per-address limit applies before authentication: a flood of forged signatures or made-up
 * app codes is answered 429 after the address's allowance, and another address is not starved.
 * The gateway's clock stands still, so no allowance refills during a test.
 */
class ClientIpLimitTest {
    TestGateway gw;
    DemoCredentials.Merchant merchant;
    DemoCredentials.Agent agent;

    @BeforeEach
    void start() {
        gw = new TestGateway(TestDatabases.H2, config -> config.withIpLimits(ClientIpLimits.Settings.defaults()));
        merchant = gw.demo().merchant();
        agent = gw.demo().agent();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    Answer forged(int i) {
        return gw.post("/trade/v1/payment", payment("forged-" + i), merchant.app_code(), "0".repeat(32));
    }

    @Test
    void aThousandForgedSignaturesFromOneAddressGet429AfterTheLimit() {
        int refusedAsForged = 0;
        int throttled = 0;
        for (int i = 0; i < 1_000; i++) {
            Answer answer = forged(i);
            if (answer.status() == 429) {
                throttled++;
                assertThat(answer.header("Retry-After")).isEqualTo("1");
                assertThat(answer.field("respcd")).isEqualTo("1205");
                assertThat(answer.field("resperr")).startsWith("rate limit exceeded for this client address (200/s, 2000/min)");
                assertThat(answer.header("X-QF-SIGN")).as("no app is looked up, so nothing signs").isNull();
            } else {
                assertThat(answer.field("respcd")).isEqualTo("1108");
                refusedAsForged++;
            }
        }
        assertThat(refusedAsForged).isEqualTo(200);
        assertThat(throttled).isEqualTo(800);

        gw.clock.advance(Duration.ofSeconds(1));
        assertThat(forged(1_000).field("respcd")).as("the allowance refills").isEqualTo("1108");
    }

    @Test
    void madeUpAppCodesAreThrottledToo() {
        for (int i = 0; i < 200; i++) {
            gw.post("/trade/v1/payment", payment("x" + i), "%032d".formatted(i), "0".repeat(32));
        }
        Answer answer = gw.post("/trade/v1/payment", payment("x"), "F".repeat(32), "0".repeat(32));

        assertThat(answer.status()).isEqualTo(429);
        assertThat(answer.header("Retry-After")).isEqualTo("1");
    }

    @Test
    void anotherAddressesGoodCallsAreNotStarvedByAFlood() throws Exception {
        for (int i = 0; i < 300; i++) {
            forged(i); // from 127.0.0.1
        }
        assertThat(forged(300).status()).isEqualTo(429);

        // Loopback answers on all of 127.0.0.0/8: a client bound to 127.0.0.2 is another address.
        HttpClient other = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.2")).build();
        for (int i = 0; i < 20; i++) {
            Map<String, String> p = payment("agent-" + i);
            p.put("mchid", agent.mchid());
            HttpRequest request = HttpRequest.newBuilder(URI.create(gw.url("/trade/v1/payment")))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-QF-APPCODE", agent.app_code())
                    .header("X-QF-SIGN", QfSignature.signParams(p, agent.client_key(), SignType.MD5))
                    .POST(HttpRequest.BodyPublishers.ofString(TestGateway.form(p)))
                    .build();
            Answer answer = new Answer(send(other, request));
            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.field("respcd")).isEqualTo("0000");
        }
    }

    static HttpResponse<byte[]> send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
}
