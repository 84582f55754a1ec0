package io.qfgate.server.notify;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Stores.Outbox;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlNotifications;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Where a notification may be delivered is decided at delivery, on the address actually
 * connected to; a stored URL that cannot be used is a failed attempt on the schedule, never a
 * notice claimed again and again.
 */
class NotificationTargetsTest {
    static final LocalDateTime T0 = LocalDateTime.of(2026, 11, 27, 10, 0);

    TestGateway gw;
    MerchantEndpoint merchant = new MerchantEndpoint(n -> MerchantEndpoint.Reply.of(200, "SUCCESS"));
    final AtomicInteger lookups = new AtomicInteger();

    void start(String db, TargetPolicy targets) {
        gw = new TestGateway(db, c -> c.withDelivery(c.delivery().manual().withTargets(targets)));
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        merchant.close();
    }

    /** Resolves shop.test to 127.0.0.1 (where the merchant listens), counting lookups. */
    TargetPolicy.Resolver shopTestIsLoopback() {
        return host -> {
            if (!host.equals("shop.test")) {
                throw new UnknownHostException(host);
            }
            lookups.incrementAndGet();
            return List.of(InetAddress.getByName("127.0.0.1"));
        };
    }

    SqlNotifications outbox() {
        return new SqlNotifications(gw.gateway.database());
    }

    /** A paid payment of the demo merchant whose app's notify_url (as the command line may set it) is this. */
    String paidWithAppUrl(String appNotifyUrl) {
        var m = gw.demo().merchant();
        SqlApps apps = new SqlApps(gw.gateway.database());
        apps.updateApp(apps.byAppCode(m.app_code()).orElseThrow().id(), null, appNotifyUrl, null, null, null);
        var answer = gw.post("/trade/v1/payment", payment("t-" + System.nanoTime()), m.app_code(), m.client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        String syssn = answer.field("syssn");
        gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD,
                new Receipt(T0, "2026112722001400000000000009", "2088000000000001", "0.9150", 275L, Currency.CNY)));
        return syssn;
    }

    Outbox.Attempt onlyAttempt(String syssn) {
        List<Outbox.Attempt> attempts = outbox().attempts(outbox().bySyssn(syssn).orElseThrow().id());
        assertThat(attempts).hasSize(1);
        return attempts.getFirst();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aStoredUrlThatDoesNotParseFailsOnTheScheduleInsteadOfBeingClaimedForever(String db) {
        start(db, TargetPolicy.LOCAL);
        String syssn = paidWithAppUrl("http://shop example/notify");

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        var n = outbox().bySyssn(syssn).orElseThrow();
        assertThat(n.state()).isEqualTo(NoticeState.PENDING);
        assertThat(n.attempts()).isEqualTo(1);
        assertThat(n.nextAttemptAt()).isEqualTo(T0.plus(Dispatcher.RETRY_AFTER.getFirst()));
        assertThat(onlyAttempt(syssn).error()).startsWith("target refused: not a valid URL");
        gw.clock.advance(Duration.ofSeconds(90)); // past the 60 s lease, before the 2 min retry
        assertThat(gw.gateway.dispatcher().deliverDue()).as("not claimed again before its retry").isZero();

        for (Duration wait : Dispatcher.RETRY_AFTER) {
            gw.clock.advance(wait);
            gw.gateway.dispatcher().deliverDue();
        }
        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.FAILED);
        assertThat(outbox().bySyssn(syssn).orElseThrow().attempts()).isEqualTo(8);
        gw.clock.advance(Duration.ofDays(3));
        assertThat(gw.gateway.dispatcher().deliverDue()).isZero();
    }

    @ParameterizedTest(name = "on {0}")
    @MethodSource("io.qfgate.server.TestDatabases#kinds")
    void aStoredUrlThePolicyRefusesIsAFailedAttemptWithTheReason(String db) {
        start(db, new TargetPolicy(Set.of(443), false, true));
        String syssn = paidWithAppUrl(merchant.url());

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        assertThat(merchant.received).isEmpty();
        assertThat(onlyAttempt(syssn).error()).isEqualTo("target refused: port "
                + java.net.URI.create(merchant.url()).getPort() + " is not allowed (allowed: [443])");
        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.PENDING);
    }

    @Test
    void aNameResolvingToAPrivateAddressIsNeverConnectedTo() {
        start(TestDatabases.H2, new TargetPolicy(Set.of(), true, false, shopTestIsLoopback()));
        String syssn = paidWithAppUrl(merchant.url("shop.test"));

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        assertThat(merchant.received).as("the merchant on 127.0.0.1 heard nothing").isEmpty();
        assertThat(onlyAttempt(syssn).error())
                .isEqualTo("target refused: address 127.0.0.1 is internal or special-purpose");
        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.PENDING);
    }

    @Test
    void deliveryGoesToTheAddressTheCheckedLookupGaveAndKeepsTheHostName() {
        start(TestDatabases.H2, TargetPolicy.LOCAL.withResolver(shopTestIsLoopback()));
        String syssn = paidWithAppUrl(merchant.url("shop.test"));

        assertThat(gw.gateway.dispatcher().deliverDue()).isEqualTo(1);

        assertThat(outbox().bySyssn(syssn).orElseThrow().state()).isEqualTo(NoticeState.DELIVERED);
        assertThat(merchant.received).hasSize(1);
        assertThat(merchant.received.getFirst().host())
                .isEqualTo("shop.test:" + java.net.URI.create(merchant.url()).getPort());
        assertThat(lookups).as("one lookup, the checked one, for the connection").hasValue(1);
    }
}
