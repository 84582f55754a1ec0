package io.qfgate.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The per-address flood guard's arithmetic and its bounded memory. */
class ClientIpLimitsTest {
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-27T02:00:00Z"));

    @Test
    void eachAddressHasItsOwnAllowanceRefilledSteadily() {
        ClientIpLimits limits = new ClientIpLimits(new ClientIpLimits.Settings(200, 2_000, 1_000), clock);
        for (int i = 0; i < 200; i++) {
            assertThat(limits.secondsToWait("10.0.0.1")).isZero();
        }
        assertThat(limits.secondsToWait("10.0.0.1")).isEqualTo(1);
        assertThat(limits.secondsToWait("10.0.0.2")).as("another address").isZero();

        clock.advance(Duration.ofMillis(50)); // greedy refill: 200/s is one every 5 ms
        int admitted = 0;
        for (int i = 0; i < 20; i++) {
            admitted += limits.secondsToWait("10.0.0.1") == 0 ? 1 : 0;
        }
        assertThat(admitted).isEqualTo(10);
    }

    @Test
    void thePerMinuteAllowanceCapsASustainedFlood() {
        ClientIpLimits limits = new ClientIpLimits(ClientIpLimits.Settings.defaults(), clock);
        int admitted = 0;
        for (int second = 0; second < 60; second++) {
            for (int i = 0; i < 300; i++) {
                admitted += limits.secondsToWait("10.0.0.1") == 0 ? 1 : 0;
            }
            clock.advance(Duration.ofSeconds(1));
        }
        // A full bucket (2,000) plus 59 s of refill at 2,000/min: a flood guard, not an exact quota.
        assertThat(admitted).isBetween(2_000, 2_000 + 59 * 2_000 / 60 + 1);
    }

    @Test
    void memoryIsBoundedWhateverTheNumberOfAddresses() {
        ClientIpLimits limits = new ClientIpLimits(new ClientIpLimits.Settings(200, 2_000, 100), clock);
        for (int i = 0; i < 10_000; i++) {
            limits.secondsToWait("10.0." + (i / 256) + "." + (i % 256));
        }
        assertThat(limits.trackedAddresses()).isLessThanOrEqualTo(100);
    }

    @Test
    void idleAddressesAreForgotten() {
        ClientIpLimits limits = new ClientIpLimits(ClientIpLimits.Settings.defaults(), clock);
        for (int i = 0; i < 50; i++) {
            limits.secondsToWait("10.0.0." + i);
        }
        assertThat(limits.trackedAddresses()).isEqualTo(50);

        clock.advance(Duration.ofMinutes(3));
        assertThat(limits.trackedAddresses()).isZero();
    }

    @Test
    void zeroTurnsTheGuardOff() {
        ClientIpLimits limits = new ClientIpLimits(ClientIpLimits.Settings.off(), clock);
        for (int i = 0; i < 10_000; i++) {
            assertThat(limits.secondsToWait("10.0.0.1")).isZero();
        }
        assertThat(limits.trackedAddresses()).isZero();
    }

    @Test
    void everyRefusedCallIsCountedForTheOperators() {
        ClientIpLimits limits = new ClientIpLimits(new ClientIpLimits.Settings(200, 2_000, 1_000), clock);
        for (int i = 0; i < 205; i++) {
            limits.secondsToWait("10.0.0.1");
        }
        assertThat(limits.refusals()).isEqualTo(5);
        ClientIpLimits off = new ClientIpLimits(ClientIpLimits.Settings.off(), clock);
        for (int i = 0; i < 205; i++) {
            off.secondsToWait("10.0.0.1");
        }
        assertThat(off.refusals()).as("a guard turned off refuses nothing").isZero();
    }
}
