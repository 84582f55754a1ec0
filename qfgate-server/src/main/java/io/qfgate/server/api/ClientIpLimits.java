package io.qfgate.server.api;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import java.time.Clock;
import java.time.Duration;

/**
 * A flood guard per client address, applied before a call is authenticated, so that made-up app
 * codes and bad signatures cost the sender its allowance without reaching the database or the
 * hash. Token buckets refilled greedily: a full bucket's burst, then the steady rate (unlike the
 * per-app quota this is protection, not a contract). The address is the TCP peer's: behind a
 * proxy every client shares the proxy's address, so raise the limits or turn them off there.
 * Memory is bounded: at most {@link Settings#maxTrackedAddresses()} buckets, and an address idle
 * for two minutes (its bucket full again anyway) is forgotten.
 */
public final class ClientIpLimits {
    private static final Duration IDLE = Duration.ofMinutes(2);

    /**
     * Requests per address per second and per minute; {@code 0} turns the guard off.
     *
     * @param maxTrackedAddresses beyond this many addresses the least recently used are forgotten
     */
    public record Settings(int perSecond, int perMinute, int maxTrackedAddresses) {
        /** 200/s and 2,000/min: twice an app's default 100/s, five times its 400/min, per address. */
        public static Settings defaults() {
            return new Settings(200, 2_000, 100_000);
        }

        public static Settings off() {
            return new Settings(0, 0, 0);
        }

        public boolean enabled() {
            return perSecond > 0 && perMinute > 0;
        }
    }

    private final Settings settings;
    private final TimeMeter time;
    private final Cache<String, Bucket> buckets;

    /** Calls refused on this node since it started (the operators' console shows it). */
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();

    public ClientIpLimits(Settings settings, Clock clock) {
        this.settings = settings;
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
        this.buckets = Caffeine.newBuilder()
                .maximumSize(Math.max(1, settings.maxTrackedAddresses()))
                .expireAfterAccess(IDLE)
                .ticker(time::currentTimeNanos)
                .executor(Runnable::run) // evict on the calling thread: no background pool, bounded at once
                .build();
    }

    public Settings settings() {
        return settings;
    }

    /** Takes one request from the address's allowance: 0 if allowed, else whole seconds to wait. */
    public long secondsToWait(String address) {
        if (!settings.enabled()) {
            return 0;
        }
        ConsumptionProbe probe = buckets.get(address, a -> bucket()).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return 0;
        }
        refused.increment();
        long nanos = probe.getNanosToWaitForRefill();
        return Math.max(1, (nanos + 999_999_999L) / 1_000_000_000L);
    }

    /** How many calls this node has refused for their address's limit since it started. */
    public long refusals() {
        return refused.sum();
    }

    long trackedAddresses() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    private Bucket bucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(settings.perSecond())
                        .refillGreedy(settings.perSecond(), Duration.ofSeconds(1)).build())
                .addLimit(Bandwidth.builder().capacity(settings.perMinute())
                        .refillGreedy(settings.perMinute(), Duration.ofMinutes(1)).build())
                .withCustomTimePrecision(time)
                .build();
    }
}
