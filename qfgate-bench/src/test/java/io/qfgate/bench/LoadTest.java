package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The open loop keeps its schedule and charges a stall to everything due behind it. */
@Timeout(30)
class LoadTest {
    private static final Load.Budget THIRTY = new Load.Budget(Duration.ofSeconds(20), 30);

    @Test
    void latenciesCountFromWhenEachOperationWasDueNotFromWhenItWasSent() throws Exception {
        // 100 operations a second, one client; the 5th takes 300 ms. The ~30 due during that stall
        // wait for it, so the open loop records many long latencies, not just the stalled one.
        AtomicInteger calls = new AtomicInteger();
        Load.Outcome o = Load.atRate(1, 100, Load.Budget.NONE, THIRTY, client -> {
            if (calls.incrementAndGet() == 5) {
                Thread.sleep(300);
            }
            return 0;
        }, Wal.NONE);

        assertThat(o.requests()).isEqualTo(30);
        assertThat(o.errors()).isZero();
        assertThat(o.latencies().getMaxValue()).as("the stalled one, in µs").isGreaterThanOrEqualTo(300_000);
        long delayed = o.latencies().getTotalCount() - o.latencies().getCountBetweenValues(0, 100_000);
        assertThat(delayed).as("operations that waited 100 ms or more").isGreaterThanOrEqualTo(10);
    }

    @Test
    void theClosedLoopRecordsWhatTheOperationReports() throws Exception {
        Load.Outcome o = Load.run(2, Load.Budget.NONE, THIRTY, client -> 7_000_000, Wal.NONE);

        assertThat(o.requests()).isEqualTo(30);
        assertThat(o.latencies().getValueAtPercentile(50)).isBetween(6_990L, 7_010L);
    }

    @Test
    void anOpenLoopDoesNotRunAheadOfItsSchedule() throws Exception {
        // 50 a second with four idle-fast clients: 30 operations cannot finish in much under 0.6 s.
        long t0 = System.nanoTime();
        Load.Outcome o = Load.atRate(4, 50, Load.Budget.NONE, THIRTY, client -> 0, Wal.NONE);
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(o.requests()).isEqualTo(30);
        assertThat(elapsedMs).isGreaterThanOrEqualTo(29 * 1000 / 50);
    }
}
