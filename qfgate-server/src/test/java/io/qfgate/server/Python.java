package io.qfgate.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs python3 on a script, for checks that only Python itself can settle (what {@code json.dumps}
 * writes). A machine without python3 fails the test that needs it, loudly, rather than skipping it.
 */
public final class Python {
    /**
     * QFPay's notification-verification sample (its docs' only one), unchanged but for reading the
     * body from stdin and the key from argv: parse, {@code json.dumps}, append the key, MD5. Prints
     * the signature, then whether {@code json.dumps(data)} gave back the very body.
     */
    public static final String DOCS_SAMPLE = """
            import hashlib
            import json
            import sys

            client_key = sys.argv[1]
            raw = sys.stdin.buffer.read()
            data = json.loads(raw)

            combine_str = (json.dumps(data)+client_key).encode()

            signature = hashlib.md5(combine_str).hexdigest().upper()

            print(signature)
            print("same" if json.dumps(data).encode() == raw else "differs")
            """;

    private Python() {}

    /** The docs' sample on this body and key: its signature, and whether json.dumps reproduced the body. */
    public record SampleResult(String signature, boolean reproducedBody) {}

    public static SampleResult docsSample(byte[] body, String clientKey) {
        List<String> lines = run(DOCS_SAMPLE, body, clientKey).lines().toList();
        return new SampleResult(lines.get(0), lines.get(1).equals("same"));
    }

    /** Runs {@code script} with {@code stdin} and {@code args}; its stdout, or an AssertionError saying why not. */
    public static String run(String script, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>(List.of("python3", "-c", script));
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(false).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to check against QFPay's Python sample, and it could not be "
                    + "started: " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream(); InputStream out = p.getInputStream();
                InputStream err = p.getErrorStream()) {
            in.write(stdin);
            in.close();
            String stdout = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            String stderr = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError("python3 failed: " + stderr);
            }
            return stdout;
        } catch (IOException e) {
            throw new AssertionError("talking to python3 failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            p.destroy();
        }
    }
}
