package io.qfgate.bench;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One line of the table. {@code latencies} are in microseconds (null: none measured);
 * {@code peakRssKb} is the gateway process's peak resident memory during the row (null: not
 * read, e.g. for the database-only limits, which run with the gateway stopped); {@code cpu} is
 * where the CPU went during the row (null: not readable); {@code walBytesPerOp} the database's
 * WAL per operation (NaN: not known, as for H2).
 */
record Row(String scenario, long requests, long errors, double throughput, Histogram latencies, Long peakRssKb,
        List<String> errorSamples, CpuUse cpu, double walBytesPerOp) {

    static Row of(String scenario, Load.Outcome o, Long peakRssKb) {
        return new Row(scenario, o.requests(), o.errors(), o.throughput(), o.latencies(), peakRssKb, o.errorSamples(),
                o.cpu(), o.walBytesPerOp());
    }

    /** A latency percentile in milliseconds, or NaN when nothing was measured. */
    double percentileMs(double percentile) {
        if (latencies == null || latencies.getTotalCount() == 0) {
            return Double.NaN;
        }
        return latencies.getValueAtPercentile(percentile) / 1000.0;
    }

    double maxMs() {
        return latencies == null || latencies.getTotalCount() == 0 ? Double.NaN : latencies.getMaxValue() / 1000.0;
    }
}
