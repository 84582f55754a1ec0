package io.qfgate.server.api;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestGateway.Answer;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.store.SqlTransactions;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A notify_url this node would not deliver to is refused where it is given, on payments and
 * refunds alike: 1104 naming notify_url, with the reason.
 */
class NotifyUrlCheckTest {
    /** Names the test's resolver knows; nothing is ever sent to them (delivery is by hand). */
    static final TargetPolicy.Resolver NAMES = host -> switch (host) {
        case "shop.test" -> List.of(InetAddress.getByName("8.8.8.8"));
        case "inside.test" -> List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("192.168.0.5"));
        default -> throw new UnknownHostException(host);
    };

    static TestGateway gw;
    static int counter;

    @BeforeAll
    static void start() {
        gw = new TestGateway(TestDatabases.H2, c -> c.withDelivery(c.delivery().manual()
                .withTargets(TargetPolicy.PRODUCTION.withResolver(NAMES))));
    }

    @AfterAll
    static void stop() {
        gw.close();
    }

    static Answer call(String path, Map<String, String> params) {
        var m = gw.demo().merchant();
        return gw.post(path, params, m.app_code(), m.client_key());
    }

    static Map<String, String> refund(String syssn, String notifyUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("syssn", syssn);
        p.put("out_trade_no", "refund-" + counter++);
        p.put("txamt", "100");
        p.put("txdtm", "2026-11-27 11:00:00");
        if (notifyUrl != null) {
            p.put("notify_url", notifyUrl);
        }
        return p;
    }

    /** notify_url, expected resperr. */
    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("https://shop test/n", "notify_url: is not a valid URL"),
                Arguments.of("mailto:shop@shop.test", "notify_url: must be an absolute http or https URL"),
                Arguments.of("https://shop.test:8443/n",
                        "notify_url: the gateway would not send notifications there: port 8443 is not allowed"),
                Arguments.of("https://10.0.0.1/n", "notify_url: the gateway would not send notifications there: "
                        + "address 10.0.0.1 is internal or special-purpose"),
                Arguments.of("http://[::ffff:127.0.0.1]/n", "notify_url: the gateway would not send notifications there: "
                        + "address 127.0.0.1 is internal or special-purpose"),
                Arguments.of("https://inside.test/n", "notify_url: the gateway would not send notifications there: "
                        + "address 192.168.0.5 is internal or special-purpose"),
                Arguments.of("https://nowhere.test/n",
                        "notify_url: the gateway would not send notifications there: host nowhere.test does not resolve"));
    }

    @ParameterizedTest(name = "payment: {0}")
    @MethodSource("refused")
    void aPaymentsNotifyUrlTheNodeWouldNotDeliverToIsRefused(String url, String resperr) {
        Map<String, String> p = payment("pn-" + counter++);
        p.put("notify_url", url);

        Answer answer = call("/trade/v1/payment", p);

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).startsWith(resperr);
    }

    @ParameterizedTest(name = "refund: {0}")
    @MethodSource("refused")
    void aRefundsNotifyUrlTheNodeWouldNotDeliverToIsRefused(String url, String resperr) {
        Answer answer = call("/trade/v1/refund", refund("20261127000000000000000001", url));

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.field("respcd")).isEqualTo("1104");
        assertThat(answer.field("resperr")).startsWith(resperr);
    }

    @Test
    void anAcceptableNotifyUrlIsStoredOnThePaymentAndOnItsRefunds() {
        Map<String, String> p = payment("pn-ok-" + counter++);
        p.put("notify_url", "https://shop.test/payments");
        Answer paid = call("/trade/v1/payment", p);
        assertThat(paid.field("respcd")).as(paid.field("resperr")).isEqualTo("0000");
        String syssn = paid.field("syssn");
        assertThat(Wallet.pay(Wallet.open(stored(syssn).payUrl()), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> stored(syssn).respcd().code().equals("0000"));

        Answer own = call("/trade/v1/refund", refund(syssn, "https://shop.test:443/refunds"));
        Answer inherited = call("/trade/v1/refund", refund(syssn, null));

        assertThat(own.field("respcd")).as(own.field("resperr")).isEqualTo("0000");
        assertThat(stored(own.field("syssn")).notifyUrl()).isEqualTo("https://shop.test:443/refunds");
        assertThat(stored(inherited.field("syssn")).notifyUrl()).as("the payment's, as docs/api.md, Merchant notifications says")
                .isEqualTo("https://shop.test/payments");
    }

    static Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }
}
