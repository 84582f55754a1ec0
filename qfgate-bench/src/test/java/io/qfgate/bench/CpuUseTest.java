package io.qfgate.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

class CpuUseTest {
    @Test
    void sharesAreOfTheMachinesTimeAndMicrosArePerOperation() {
        // 2 cores for 1 s = 200 ticks: 150 busy (of them 40 gateway, 60 database, 20 bench), 10 stolen.
        CpuUse.Sample before = new CpuUse.Sample(1_000, 50, 5_000, 300, 400, 500);
        CpuUse.Sample after = new CpuUse.Sample(1_150, 60, 5_200, 340, 460, 520);

        CpuUse use = CpuUse.between(before, after, 4_000);

        assertThat(use.busyShare()).isCloseTo(0.75, within(1e-9));
        assertThat(use.stealShare()).isCloseTo(0.05, within(1e-9));
        assertThat(use.gatewayMicros()).isCloseTo(100, within(1e-9)); // 400 ms over 4,000 operations
        assertThat(use.databaseMicros()).isCloseTo(150, within(1e-9));
        assertThat(use.benchMicros()).isCloseTo(50, within(1e-9));
    }

    @Test
    void nothingIsReportedWithoutTwoSamplesAndSomeOperations() {
        CpuUse.Sample sample = new CpuUse.Sample(1, 0, 10, 0, 0, 0);
        CpuUse.Sample later = new CpuUse.Sample(2, 0, 20, 0, 0, 0);
        assertThat(CpuUse.between(null, later, 10)).isNull();
        assertThat(CpuUse.between(sample, null, 10)).isNull();
        assertThat(CpuUse.between(sample, later, 0)).isNull();
        assertThat(CpuUse.between(sample, sample, 10)).as("no time passed").isNull();
    }

    @Test
    void thisJvmsCpuCountsAsTheLoadGenerators() {
        CpuUse.Sample before = CpuUse.Sample.read();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long spin = 0;
        while (threads.getCurrentThreadCpuTime() - start < 300_000_000L) { // 300 ms of this thread's CPU
            spin += Long.numberOfTrailingZeros(spin + start);
        }
        CpuUse.Sample after = CpuUse.Sample.read();

        assertThat(before).as("/proc is readable on the machines the bench runs on").isNotNull();
        assertThat(after.bench() - before.bench()).as("ticks of 10 ms, spin " + spin).isGreaterThanOrEqualTo(25);
        assertThat(after.busy()).isGreaterThanOrEqualTo(before.busy() + 25);
    }
}
