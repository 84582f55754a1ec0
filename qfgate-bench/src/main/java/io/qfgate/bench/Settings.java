package io.qfgate.bench;

import java.util.List;
import java.util.Set;

/**
 * One benchmark invocation, resolved. {@code scenarios} are among create, replay, journey, query;
 * {@code /ping} and the plain-insert limit always run, since the ratios need them.
 */
record Settings(
        List<String> dbs,
        int concurrency,
        Load.Budget warmup,
        Load.Budget measured,
        Load.Budget journeyWarmup,
        Load.Budget journeyMeasured,
        Set<String> scenarios,
        long seedRows,
        boolean smoke,
        String pgAdminUrl,
        List<String> serverJavaOpts,
        String serverClasspath,
        String command,
        String code) {

    static final List<String> SCENARIOS = List.of("create", "replay", "journey", "query");

    Settings {
        dbs = List.copyOf(dbs);
        scenarios = Set.copyOf(scenarios);
        serverJavaOpts = List.copyOf(serverJavaOpts);
        if (concurrency < 1 || concurrency > 1024) {
            throw new IllegalArgumentException("concurrency must be 1..1024: " + concurrency);
        }
        for (String db : dbs) {
            if (!db.equals("h2") && !db.equals("postgresql")) {
                throw new IllegalArgumentException("--db: h2 or postgresql, not " + db);
            }
        }
        for (String s : scenarios) {
            if (!SCENARIOS.contains(s)) {
                throw new IllegalArgumentException("--scenarios: any of " + SCENARIOS + ", not " + s);
            }
        }
    }

    boolean runs(String scenario) {
        return scenarios.contains(scenario);
    }

    /** How a budget reads in the report. */
    static String describe(Load.Budget b) {
        if (b.isNone()) {
            return "none";
        }
        return b.count() > 0 ? b.count() + " requests (at most " + b.duration().toSeconds() + " s)"
                : b.duration().toSeconds() + " s";
    }
}
