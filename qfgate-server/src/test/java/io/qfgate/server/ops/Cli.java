package io.qfgate.server.ops;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** Runs {@code ./qfgate …} in this JVM as main() does, and keeps what it printed on stdout and stderr. */
public record Cli(int exit, String out, String err) {

    /** As {@link #run}, with {@code stdin} as what the operator pipes in. */
    public static Cli runWithStdin(String stdin, String... args) {
        java.io.InputStream originalIn = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
        try {
            return run(args);
        } finally {
            System.setIn(originalIn);
        }
    }

    public static Cli run(String... args) {
        PrintStream originalOut = System.out;
        PrintStream originalErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        System.setOut(outStream);
        System.setErr(errStream);
        int exit;
        try {
            // As main() runs it: through a running gateway's admin channel when one holds the database.
            // Commands print through picocli's writers, made on System.out and System.err: both end up here.
            exit = Main.run(args);
        } catch (Exception e) {
            throw new AssertionError("./qfgate " + String.join(" ", args), e);
        } finally {
            System.setOut(originalOut);
            System.setErr(originalErr);
        }
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The {@code name=value} lines of stdout. */
    public Map<String, String> values() {
        return out.lines().filter(l -> l.matches("[a-z_]+=.*"))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf('=')), l -> l.substring(l.indexOf('=') + 1)));
    }

    String all() {
        return out + err;
    }
}
