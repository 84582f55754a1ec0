package io.qfgate.server.ops;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.qfgate.server.domain.App;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * QFPay's published per-app limits (100 requests/second and 400/minute by default, set per app),
 * as fixed windows. Buckets live in this node's memory: with N nodes behind a balancer an app
 * gets up to N times the limit, which protects each node, not a global quota.
 */
public final class RateLimits {
    private record Limited(int perSecond, int perMinute, Bucket bucket) {}

    private final ConcurrentMap<Long, Limited> buckets = new ConcurrentHashMap<>();
    private final TimeMeter time;

    public RateLimits(Clock clock) {
        this.time = new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return Math.multiplyExact(clock.millis(), 1_000_000L);
            }

            @Override
            public boolean isWallClockBased() {
                return true;
            }
        };
    }

    /** Takes one request from the app's allowance: 0 if allowed, else whole seconds to wait. */
    public long secondsToWait(App app) {
        Limited limited = buckets.compute(app.id(), (id, current) ->
                current != null && current.perSecond == app.ratePerSecond() && current.perMinute == app.ratePerMinute()
                        ? current
                        : new Limited(app.ratePerSecond(), app.ratePerMinute(), bucket(app)));
        ConsumptionProbe probe = limited.bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        return Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds()
                + (probe.getNanosToWaitForRefill() % 1_000_000_000L == 0 ? 0 : 1));
    }

    private Bucket bucket(App app) {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(app.ratePerSecond())
                        .refillIntervally(app.ratePerSecond(), Duration.ofSeconds(1)).build())
                .addLimit(Bandwidth.builder().capacity(app.ratePerMinute())
                        .refillIntervally(app.ratePerMinute(), Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
