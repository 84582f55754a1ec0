package io.qfgate.server.api;

import io.qfgate.server.domain.App;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * QFPay's published per-app limits (100 requests/second and 400/minute by default, set per app),
 * as sliding windows: at most that many calls in ANY second and ANY 60 s, not per calendar
 * minute (fixed windows let a burst just before and just after a boundary through twice) nor
 * per token bucket (a full bucket plus its refill lets almost twice through within 60 s).
 * Buckets live in this node's memory: with N nodes behind a balancer an app gets up to N times
 * the limit, which protects each node, not a global quota.
 */
public final class RateLimits {
    private static final long SECOND_MILLIS = 1_000;
    private static final long MINUTE_MILLIS = 60_000;

    private final ConcurrentMap<Long, SlidingWindow> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    /** Calls refused on this node since it started (the operators' console shows it). */
    private final java.util.concurrent.atomic.LongAdder refused = new java.util.concurrent.atomic.LongAdder();

    public RateLimits(Clock clock) {
        this.clock = clock;
    }

    /** Takes one request from the app's allowance: 0 if allowed, else whole seconds to wait. */
    public long secondsToWait(App app) {
        SlidingWindow window = windows.compute(app.id(), (id, current) ->
                current != null && current.perSecond == app.ratePerSecond() && current.perMinute == app.ratePerMinute()
                        ? current
                        : new SlidingWindow(app.ratePerSecond(), app.ratePerMinute()));
        long waitMillis = window.millisToWait(clock.millis());
        if (waitMillis > 0) {
            refused.increment();
        }
        return waitMillis == 0 ? 0 : Math.max(1, (waitMillis + SECOND_MILLIS - 1) / SECOND_MILLIS);
    }

    /** How many calls this node has refused for their app's rate limit since it started. */
    public long refusals() {
        return refused.sum();
    }

    /**
     * The times of an app's latest admitted calls, oldest first, as many as the larger limit needs.
     * A call at t is admitted when the k-th latest call is at least the window ago (k the limit);
     * that alone makes "at most k in any window" hold. Refused calls are not recorded.
     */
    static final class SlidingWindow {
        final int perSecond;
        final int perMinute;
        private final int keep;
        private long[] times = new long[16]; // a ring, grown on demand: generous limits cost memory only when used
        private int first;
        private int size;

        SlidingWindow(int perSecond, int perMinute) {
            this.perSecond = perSecond;
            this.perMinute = perMinute;
            this.keep = Math.max(perSecond, perMinute);
        }

        /** 0 and the call recorded, or the milliseconds until it would be admitted. */
        synchronized long millisToWait(long now) {
            long wait = Math.max(waitFor(perSecond, SECOND_MILLIS, now), waitFor(perMinute, MINUTE_MILLIS, now));
            if (wait == 0) {
                record(now);
            }
            return wait;
        }

        private long waitFor(int limit, long windowMillis, long now) {
            if (size < limit) {
                return 0;
            }
            long kthLatest = times[(first + size - limit) % times.length];
            // A clock set back must not lock an app out for longer than one window.
            return Math.min(windowMillis, Math.max(0, kthLatest + windowMillis - now));
        }

        private void record(long now) {
            if (size == keep) {
                first = (first + 1) % times.length;
                size--;
            } else if (size == times.length) {
                long[] grown = new long[(int) Math.min(keep, 2L * times.length)];
                for (int i = 0; i < size; i++) {
                    grown[i] = times[(first + i) % times.length];
                }
                times = grown;
                first = 0;
            }
            times[(first + size) % times.length] = now;
            size++;
        }
    }
}
