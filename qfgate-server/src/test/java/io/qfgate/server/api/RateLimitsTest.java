package io.qfgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.MutableClock;
import io.qfgate.server.domain.App;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QFPay's "100 per second, 400 per minute" hold over any second and any 60 s, not per calendar window. */
class RateLimitsTest {
    /** A calendar minute starts here, where fixed windows would reset. */
    static final Instant BOUNDARY = Instant.parse("2026-11-27T02:01:00Z");
    static final App APP = new App(7, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

    final MutableClock clock = new MutableClock(BOUNDARY.minusSeconds(60));
    final RateLimits limits = new RateLimits(clock);
    final List<Long> admitted = new ArrayList<>(); // milliseconds since the clock's start

    /** Tries {@code count} calls at the given offset from the start; returns how many were admitted. */
    int offer(Duration at, int count) {
        clock.advance(Duration.between(clock.instant(), BOUNDARY.minusSeconds(60).plus(at)));
        int ok = 0;
        for (int i = 0; i < count; i++) {
            if (limits.secondsToWait(APP) == 0) {
                admitted.add(at.toMillis());
                ok++;
            }
        }
        return ok;
    }

    /** The most calls admitted within any span of this length (a span closed at its start, open at its end). */
    int mostWithinAnySpan(Duration span) {
        int most = 0;
        for (int i = 0; i < admitted.size(); i++) {
            long end = admitted.get(i) + span.toMillis();
            int n = 0;
            for (int j = i; j < admitted.size() && admitted.get(j) < end; j++) {
                n++;
            }
            most = Math.max(most, n);
        }
        return most;
    }

    @Test
    void aFullMinutesAllowanceJustBeforeAndJustAfterAMinuteBoundaryIsNotAdmittedTwice() {
        // 400 in the last 4 s before the boundary (100 a second, as the per-second limit allows) ...
        for (int s = 56; s < 60; s++) {
            assertThat(offer(Duration.ofSeconds(s), 100)).isEqualTo(100);
        }
        // ... and 400 more asked for in the first 4 s after it: a fixed window would admit them all.
        int afterBoundary = 0;
        for (int s = 60; s < 64; s++) {
            afterBoundary += offer(Duration.ofSeconds(s), 100);
        }

        assertThat(afterBoundary).isZero();
        assertThat(mostWithinAnySpan(Duration.ofSeconds(60))).isEqualTo(400);
        // The allowance comes back as the burst leaves the 60 s window: one minute after it.
        assertThat(offer(Duration.ofSeconds(116), 150)).isEqualTo(100);
        assertThat(mostWithinAnySpan(Duration.ofSeconds(60))).isLessThanOrEqualTo(400);
    }

    @Test
    void steadyTrafficAfterABurstStaysWithin400InAny60Seconds() {
        // A token bucket refilled greedily would admit the burst and then its refill: ~800 in 60 s.
        offer(Duration.ofSeconds(0), 100);
        offer(Duration.ofMillis(1_000), 100);
        offer(Duration.ofMillis(2_000), 100);
        offer(Duration.ofMillis(3_000), 100);
        for (long ms = 3_100; ms < 180_000; ms += 100) {
            offer(Duration.ofMillis(ms), 2);
        }

        assertThat(mostWithinAnySpan(Duration.ofSeconds(60))).isEqualTo(400);
        assertThat(mostWithinAnySpan(Duration.ofSeconds(1))).isLessThanOrEqualTo(100);
        assertThat(admitted).as("the limit is not stricter than 400 a minute either").hasSize(3 * 400);
    }

    @Test
    void aBurstWithinOneSecondIsCappedAt100() {
        assertThat(offer(Duration.ofMillis(500), 150)).isEqualTo(100);
        assertThat(offer(Duration.ofMillis(1_499), 50)).isZero();
        assertThat(offer(Duration.ofMillis(1_500), 150)).isEqualTo(100);
        assertThat(mostWithinAnySpan(Duration.ofSeconds(1))).isEqualTo(100);
    }

    @Test
    void retryAfterIsTheWholeSecondsUntilTheOldestCallLeavesTheWindow() {
        offer(Duration.ofMillis(0), 100);
        offer(Duration.ofMillis(1_000), 100);
        offer(Duration.ofMillis(2_000), 100);
        offer(Duration.ofMillis(3_000), 100);

        clock.advance(Duration.ofMillis(10_500));
        assertThat(limits.secondsToWait(APP)).as("the first call at 0 s leaves the window at 60 s").isEqualTo(47);
        clock.advance(Duration.ofMillis(49_500));
        assertThat(limits.secondsToWait(APP)).isZero();
    }

    @Test
    void everyRefusedCallIsCountedForTheOperatorsAndNoAdmittedOne() {
        assertThat(offer(Duration.ofMillis(500), 130)).isEqualTo(100);
        assertThat(limits.refusals()).isEqualTo(30);
    }
}
