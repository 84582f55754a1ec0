package io.qfgate.server.ops;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * How a gateway node runs. {@code publicUrl} is the base URL shoppers and Alipay reach this node
 * at (null: {@code http://127.0.0.1:<port>}); {@code alipayUrl} overrides the stored Alipay
 * gateway URL (null: the stored one, or the embedded sandbox).
 */
public record GatewayConfig(
        String host,
        int port,
        Path dataDir,
        String dbUrl,
        String publicUrl,
        String alipayUrl,
        ZoneOffset zone,
        Clock clock,
        int dbPoolSize,
        Dispatcher.Settings delivery,
        Duration appCacheTtl,
        ClientIpLimits.Settings ipLimits) {

    public static GatewayConfig defaults(Path dataDir) {
        return new GatewayConfig("127.0.0.1", 8080, dataDir, null, null, null, QfTime.DEFAULT_ZONE, Clock.systemUTC(), 16,
                Dispatcher.Settings.defaults(TargetPolicy.PRODUCTION), Duration.ofSeconds(5), ClientIpLimits.Settings.defaults());
    }

    public String jdbcUrl() {
        return dbUrl != null ? dbUrl : io.qfgate.server.store.Database.h2Url(dataDir);
    }

    public GatewayConfig withPort(int newPort) {
        return with(b -> b.port = newPort);
    }

    public GatewayConfig withDb(String newDbUrl) {
        return with(b -> b.dbUrl = newDbUrl);
    }

    public GatewayConfig withClock(Clock newClock) {
        return with(b -> b.clock = newClock);
    }

    public GatewayConfig withUrls(String newPublicUrl, String newAlipayUrl) {
        return with(b -> {
            b.publicUrl = newPublicUrl;
            b.alipayUrl = newAlipayUrl;
        });
    }

    public GatewayConfig withDelivery(Dispatcher.Settings newDelivery) {
        return with(b -> b.delivery = newDelivery);
    }

    public GatewayConfig withAppCacheTtl(Duration ttl) {
        return with(b -> b.appCacheTtl = ttl);
    }

    public GatewayConfig withHost(String newHost) {
        return with(b -> b.host = newHost);
    }

    /** The per-client-address flood guard applied before authentication ({@link ClientIpLimits}). */
    public GatewayConfig withIpLimits(ClientIpLimits.Settings limits) {
        return with(b -> b.ipLimits = limits);
    }

    private GatewayConfig with(Consumer<Builder> change) {
        Builder b = new Builder(this);
        change.accept(b);
        return b.build();
    }

    /** The components by name: the one place that copies them all, so a new one is added here once. */
    private static final class Builder {
        String host;
        int port;
        Path dataDir;
        String dbUrl;
        String publicUrl;
        String alipayUrl;
        ZoneOffset zone;
        Clock clock;
        int dbPoolSize;
        Dispatcher.Settings delivery;
        Duration appCacheTtl;
        ClientIpLimits.Settings ipLimits;

        Builder(GatewayConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            dbUrl = c.dbUrl;
            publicUrl = c.publicUrl;
            alipayUrl = c.alipayUrl;
            zone = c.zone;
            clock = c.clock;
            dbPoolSize = c.dbPoolSize;
            delivery = c.delivery;
            appCacheTtl = c.appCacheTtl;
            ipLimits = c.ipLimits;
        }

        GatewayConfig build() {
            return new GatewayConfig(host, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery,
                    appCacheTtl, ipLimits);
        }
    }
}
