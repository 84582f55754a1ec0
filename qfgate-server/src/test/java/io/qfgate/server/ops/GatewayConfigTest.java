package io.qfgate.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Each {@code withX} changes its own setting and keeps every other. */
class GatewayConfigTest {
    static final GatewayConfig BASE = GatewayConfig.defaults(Path.of("/var/lib/qfgate"));

    @Test
    void withPortChangesThePortOnly() {
        assertThat(BASE.withPort(9000).port()).isEqualTo(9000);
        assertThat(BASE.withPort(9000)).usingRecursiveComparison().ignoringFields("port").isEqualTo(BASE);
    }

    @Test
    void withHostChangesTheHostOnly() {
        assertThat(BASE.withHost("0.0.0.0").host()).isEqualTo("0.0.0.0");
        assertThat(BASE.withHost("0.0.0.0")).usingRecursiveComparison().ignoringFields("host").isEqualTo(BASE);
    }

    @Test
    void withDbChangesTheDatabaseUrlOnly() {
        GatewayConfig c = BASE.withDb("jdbc:postgresql://db/qfgate");
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db/qfgate");
        assertThat(c).usingRecursiveComparison().ignoringFields("dbUrl").isEqualTo(BASE);
    }

    @Test
    void withUrlsChangesThePublicAndAlipayUrlsOnly() {
        GatewayConfig c = BASE.withUrls("https://pay.example", "https://alipay.example/gateway.do");
        assertThat(c.publicUrl()).isEqualTo("https://pay.example");
        assertThat(c.alipayUrl()).isEqualTo("https://alipay.example/gateway.do");
        assertThat(c).usingRecursiveComparison().ignoringFields("publicUrl", "alipayUrl").isEqualTo(BASE);
    }

    @Test
    void withClockDeliveryCacheAndIpLimitsChangeTheirOwnSettingOnly() {
        Clock fixed = Clock.fixed(Instant.parse("2026-11-27T02:00:00Z"), ZoneOffset.UTC);
        Dispatcher.Settings delivery = Dispatcher.Settings.defaults(TargetPolicy.LOCAL);
        io.qfgate.server.api.ClientIpLimits.Settings limits = io.qfgate.server.api.ClientIpLimits.Settings.off();
        assertThat(delivery).isNotEqualTo(BASE.delivery());
        assertThat(limits).isNotEqualTo(BASE.ipLimits());

        assertThat(BASE.withClock(fixed)).isEqualTo(copyWith(fixed, BASE.delivery(), BASE.appCacheTtl(), BASE.ipLimits()));
        assertThat(BASE.withDelivery(delivery)).isEqualTo(copyWith(BASE.clock(), delivery, BASE.appCacheTtl(), BASE.ipLimits()));
        assertThat(BASE.withAppCacheTtl(Duration.ofMinutes(1)))
                .isEqualTo(copyWith(BASE.clock(), BASE.delivery(), Duration.ofMinutes(1), BASE.ipLimits()));
        assertThat(BASE.withIpLimits(limits)).isEqualTo(copyWith(BASE.clock(), BASE.delivery(), BASE.appCacheTtl(), limits));
    }

    private static GatewayConfig copyWith(Clock clock, Dispatcher.Settings delivery, Duration ttl, io.qfgate.server.api.ClientIpLimits.Settings limits) {
        return new GatewayConfig(BASE.host(), BASE.port(), BASE.dataDir(), BASE.dbUrl(), BASE.publicUrl(), BASE.alipayUrl(),
                BASE.zone(), clock, BASE.dbPoolSize(), delivery, ttl, limits);
    }
}
