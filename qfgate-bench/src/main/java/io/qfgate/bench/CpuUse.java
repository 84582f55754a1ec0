package io.qfgate.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the machine's CPU went during a measured phase, from Linux's {@code /proc}: how busy the
 * machine was, how much of its time the hypervisor gave to someone else (steal), and the CPU time
 * per operation of the gateway process, of the database server's processes and of the load
 * generator (this JVM and the children it waited for, i.e. pgbench).
 *
 * <p>Throughput on a shared 2-core machine moves by a fifth from run to run; CPU time per operation
 * says which process a change made cheaper, and steal says whether the run was starved.
 */
record CpuUse(double busyShare, double stealShare, double gatewayMicros, double databaseMicros, double benchMicros) {
    /** Linux reports CPU time in ticks of 1/100 s (USER_HZ) to user space on every architecture we run on. */
    private static final double MICROS_PER_TICK = 10_000;

    /** Cumulative ticks at one moment: the machine's busy, steal and total; then per process group. */
    record Sample(long busy, long steal, long total, long gateway, long database, long bench) {
        /** Null where there is no {@code /proc} to read (the bench then reports no CPU use). */
        static Sample read() {
            try {
                String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal …
                long user = Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]);
                long system = Long.parseLong(cpu[3]) + Long.parseLong(cpu[6]) + Long.parseLong(cpu[7]);
                long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
                long steal = Long.parseLong(cpu[8]);
                long gateway = 0;
                long database = 0;
                long bench = 0;
                long self = ProcessHandle.current().pid();
                try (DirectoryStream<Path> pids = Files.newDirectoryStream(Path.of("/proc"),
                        p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
                    for (Path pid : pids) {
                        String stat;
                        try {
                            stat = Files.readString(pid.resolve("stat"));
                        } catch (IOException gone) {
                            continue; // the process ended between the listing and the read
                        }
                        String comm = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                        // After "pid (comm) ": state is field 0, utime 11, stime 12, cutime 13, cstime 14.
                        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                        long own = Long.parseLong(f[11]) + Long.parseLong(f[12]);
                        long waitedFor = Long.parseLong(f[13]) + Long.parseLong(f[14]);
                        if (Long.parseLong(pid.getFileName().toString()) == self) {
                            bench += own + waitedFor;
                        } else if (comm.equals("postgres")) {
                            // The postmaster's waited-for children are the backends that have ended,
                            // such as pgbench's, whose connections close before the phase's last sample.
                            database += own + waitedFor;
                        } else if (comm.equals("java") && Long.parseLong(f[1]) == self && isGateway(pid)) {
                            // Only this bench's own gateway (its child; f[1] is the parent's pid): other
                            // gateways on a shared machine start and end during a phase.
                            gateway += own;
                        }
                    }
                }
                return new Sample(user + system, steal, user + system + idle + steal, gateway, database, bench);
            } catch (IOException | RuntimeException noProc) {
                return null;
            }
        }
    }

    private static boolean isGateway(Path pid) {
        try {
            return Files.readString(pid.resolve("cmdline")).contains(GatewayProcess.MAIN_CLASS);
        } catch (IOException gone) {
            return false;
        }
    }

    /** The use between two samples, per operation of the {@code ops} done in between; null if either is missing. */
    static CpuUse between(Sample before, Sample after, long ops) {
        if (before == null || after == null || ops <= 0 || after.total() <= before.total()) {
            return null;
        }
        double total = after.total() - before.total();
        return new CpuUse(
                (after.busy() - before.busy()) / total,
                (after.steal() - before.steal()) / total,
                (after.gateway() - before.gateway()) * MICROS_PER_TICK / ops,
                (after.database() - before.database()) * MICROS_PER_TICK / ops,
                (after.bench() - before.bench()) * MICROS_PER_TICK / ops);
    }
}
