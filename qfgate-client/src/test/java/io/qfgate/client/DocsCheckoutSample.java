package io.qfgate.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * QFPay's checkout sample (JavaScript in its docs) transcribed line for line into Python, and run
 * with python3: a second, independent rendition of the link to hold the SDK's against. A machine
 * without python3 fails the test that needs it, loudly, rather than skipping it.
 */
final class DocsCheckoutSample {
    /**
     * {@code paramStringify} skips falsy (empty) values, sorts the names, and with {@code flag}
     * applies {@code encodeURIComponent}, whose unescaped set is exactly {@code quote}'s safe set
     * below; the link is the origin, the encoded parameters and {@code &sign=}, lower-case hex.
     */
    static final String SCRIPT = """
            import hashlib, json, sys
            from urllib.parse import quote

            obj = json.loads(sys.stdin.read())
            api_key, sign_type, origin = sys.argv[1], sys.argv[2], sys.argv[3]

            def param_stringify(d, flag=False):
                return '&'.join('%s=%s' % (k, quote(d[k], safe="-_.!~*'()") if flag else d[k])
                                for k in sorted(d) if d[k])

            params = param_stringify(obj)
            digest = hashlib.sha256 if sign_type == 'sha256' else hashlib.md5
            sign = digest((params + api_key).encode('utf-8')).hexdigest()
            sys.stdout.write('%s%s&sign=%s' % (origin, param_stringify(obj, True), sign))
            """;

    private DocsCheckoutSample() {}

    /** The link the sample makes of {@code obj} (the parameters with appcode and sign_type, no lang). */
    static String link(Map<String, String> obj, String apiKey, String signType, String origin) {
        Process p;
        try {
            p = new ProcessBuilder("python3", "-c", SCRIPT, apiKey, signType, origin).start();
        } catch (IOException e) {
            throw new AssertionError("python3 is needed to run the transcribed checkout sample: " + e.getMessage(), e);
        }
        try (OutputStream in = p.getOutputStream(); InputStream out = p.getInputStream();
                InputStream err = p.getErrorStream()) {
            in.write(json(obj));
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

    private static byte[] json(Map<String, String> obj) {
        try {
            return new ObjectMapper().writeValueAsBytes(obj);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
