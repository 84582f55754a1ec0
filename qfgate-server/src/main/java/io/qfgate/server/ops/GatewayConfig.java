package io.qfgate.server.ops;

import io.qfgate.protocol.QfTime;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

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
        return new GatewayConfig(host, newPort, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery, appCacheTtl, ipLimits);
    }

    public GatewayConfig withDb(String newDbUrl) {
        return new GatewayConfig(host, port, dataDir, newDbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery, appCacheTtl, ipLimits);
    }

    public GatewayConfig withClock(Clock newClock) {
        return new GatewayConfig(host, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, newClock, dbPoolSize, delivery, appCacheTtl, ipLimits);
    }

    public GatewayConfig withUrls(String newPublicUrl, String newAlipayUrl) {
        return new GatewayConfig(host, port, dataDir, dbUrl, newPublicUrl, newAlipayUrl, zone, clock, dbPoolSize, delivery, appCacheTtl, ipLimits);
    }

    public GatewayConfig withDelivery(Dispatcher.Settings newDelivery) {
        return new GatewayConfig(host, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, newDelivery, appCacheTtl, ipLimits);
    }

    public GatewayConfig withAppCacheTtl(Duration ttl) {
        return new GatewayConfig(host, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery, ttl, ipLimits);
    }

    public GatewayConfig withHost(String newHost) {
        return new GatewayConfig(newHost, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery, appCacheTtl, ipLimits);
    }

    /** The per-client-address flood guard applied before authentication ({@link ClientIpLimits}). */
    public GatewayConfig withIpLimits(ClientIpLimits.Settings limits) {
        return new GatewayConfig(host, port, dataDir, dbUrl, publicUrl, alipayUrl, zone, clock, dbPoolSize, delivery, appCacheTtl, limits);
    }
}
