package io.qfgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;

/**
 * Load of two shapes, with {@code concurrency} client threads, until the budget (time or count,
 * whichever ends first) is spent.
 *
 * <ul>
 *   <li><b>Closed loop</b> ({@link #run}): each client does one operation after another, as fast as
 *       the gateway answers: the maximum throughput. Latencies are what each client waited.
 *   <li><b>Open loop</b> ({@link #atRate}): operations are due on a fixed schedule, {@code rate} per
 *       second, whatever the gateway does; the clients take them in turn. A latency counts from
 *       when the operation was due, not from when a client got round to it, so a stall shows as
 *       the delay of everything scheduled behind it (no coordinated omission).
 * </ul>
 */
final class Load {
    /** Latencies above this are recorded as this (5 minutes); no request may take that long anyway. */
    static final long MAX_MICROS = TimeUnit.MINUTES.toMicros(5);
    /** How many distinct error messages are kept per scenario, for the report. */
    private static final int ERROR_SAMPLES = 3;

    private Load() {}

    /** One operation of a client; returns the latency to record, in nanoseconds; throws when it failed. */
    @FunctionalInterface
    interface Op {
        long run(int client) throws Exception;
    }

    /** How much to do: stop at the deadline or after {@code count} operations (0: no count). */
    record Budget(Duration duration, long count) {
        static final Budget NONE = new Budget(Duration.ZERO, 0);

        static Budget of(Duration duration) {
            return new Budget(duration, 0);
        }

        boolean isNone() {
            return duration.isZero() || duration.isNegative();
        }
    }

    /**
     * What a measured phase gave. {@code requests} counts successes and errors; latencies are of
     * successes; {@code cpu} is where the machine's CPU went meanwhile (null: not readable here);
     * {@code walBytesPerOp} is the database's WAL written per success (NaN: not known).
     */
    record Outcome(long requests, long errors, long elapsedNanos, Histogram latencies, List<String> errorSamples,
            CpuUse cpu, double walBytesPerOp) {
        long ok() {
            return requests - errors;
        }

        double throughput() {
            return elapsedNanos == 0 ? 0 : ok() * 1e9 / elapsedNanos;
        }
    }

    /** Runs the op as a warm-up (results dropped), then measured. */
    static Outcome run(int concurrency, Budget warmup, Budget measured, Op op, Wal.Position wal)
            throws InterruptedException {
        if (!warmup.isNone()) {
            phase(concurrency, warmup, op, Wal.NONE);
        }
        return phase(concurrency, measured, op, wal);
    }

    /** Runs the op open-loop at {@code rate} per second: warm-up (results dropped), then measured. */
    static Outcome atRate(int concurrency, double rate, Budget warmup, Budget measured, Op op, Wal.Position wal)
            throws InterruptedException {
        if (!warmup.isNone()) {
            openPhase(concurrency, rate, warmup, op, Wal.NONE);
        }
        return openPhase(concurrency, rate, measured, op, wal);
    }

    private static Outcome openPhase(int concurrency, double rate, Budget budget, Op op, Wal.Position wal)
            throws InterruptedException {
        if (!(rate > 0)) {
            throw new IllegalArgumentException("rate must be positive: " + rate);
        }
        double nanosApart = 1e9 / rate;
        AtomicLong scheduled = new AtomicLong();
        long start = System.nanoTime();
        return phase(concurrency, budget, client -> {
            long due = start + (long) (scheduled.getAndIncrement() * nanosApart);
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            op.run(client);
            return System.nanoTime() - due;
        }, wal);
    }

    static Outcome phase(int concurrency, Budget budget, Op op, Wal.Position wal) throws InterruptedException {
        AtomicLong issued = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        Set<String> samples = Collections.synchronizedSet(new LinkedHashSet<>());
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        Long walBefore = wal.read();
        CpuUse.Sample cpuBefore = CpuUse.Sample.read();
        long start = System.nanoTime();
        long deadline = start + budget.duration().toNanos();
        for (int c = 0; c < concurrency; c++) {
            Histogram h = new Histogram(MAX_MICROS, 3);
            histograms.add(h);
            int client = c;
            clients.add(Thread.ofPlatform().name("bench-client-" + c).daemon(true).start(() -> {
                while (System.nanoTime() < deadline) {
                    if (budget.count() > 0 && issued.getAndIncrement() >= budget.count()) {
                        break;
                    }
                    try {
                        long nanos = op.run(client);
                        h.recordValue(Math.min(MAX_MICROS, Math.max(0, nanos / 1000)));
                    } catch (Exception | AssertionError e) {
                        errors.incrementAndGet();
                        if (samples.size() < ERROR_SAMPLES) {
                            samples.add(e.getClass().getSimpleName() + ": " + e.getMessage());
                        }
                        if (e instanceof InterruptedException) {
                            return;
                        }
                    }
                }
            }));
        }
        for (Thread t : clients) {
            t.join();
        }
        long elapsed = System.nanoTime() - start;
        CpuUse.Sample cpuAfter = CpuUse.Sample.read();
        Long walAfter = wal.read();
        Histogram all = new Histogram(MAX_MICROS, 3);
        histograms.forEach(all::add);
        long requests = all.getTotalCount() + errors.get();
        return new Outcome(requests, errors.get(), elapsed, all, List.copyOf(samples),
                CpuUse.between(cpuBefore, cpuAfter, all.getTotalCount()),
                Wal.bytesPerOp(walBefore, walAfter, all.getTotalCount()));
    }
}
