package io.qfgate.server.api;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpStatus;
import io.qfgate.protocol.Hex;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.SignType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Refusal;
import io.qfgate.server.domain.Stores;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every merchant API call goes through before and after its endpoint: the form is read
 * within limits, the app found, the signature checked in constant time, a disabled app refused,
 * the rate limit applied, and the JSON answer signed over its exact bytes with the app's key.
 */
public final class SignedApi {
    /** Far above any real QFPay request; larger bodies are refused before they are read whole. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private static final Logger log = LoggerFactory.getLogger("qfgate.api");

    /** One authenticated call: the app that signed it and its decoded parameters. */
    public record Call(App app, Map<String, String> params) {}

    /** An endpoint's work: the answer's fields on success; a {@link Refusal} otherwise. */
    @FunctionalInterface
    public interface Endpoint {
        Map<String, Object> handle(Call call);
    }

    /** An endpoint whose answer is a file (e.g. the daily statement), signed like any answer. */
    @FunctionalInterface
    public interface FileEndpoint {
        File handle(Call call);
    }

    /** A file answer, written to a temporary {@code path} that is deleted once it has been sent. */
    public record File(String contentType, String filename, java.nio.file.Path path) {}

    private final Stores.Apps apps;
    private final RateLimits rateLimits;
    private final ClientIpLimits ipLimits;

    public SignedApi(Stores.Apps apps, RateLimits rateLimits, ClientIpLimits ipLimits) {
        this.apps = apps;
        this.rateLimits = rateLimits;
        this.ipLimits = ipLimits;
    }

    public Handler handler(Endpoint endpoint) {
        return ctx -> serve(ctx, endpoint::handle);
    }

    public Handler fileHandler(FileEndpoint endpoint) {
        return ctx -> serve(ctx, endpoint::handle);
    }

    /** Who is calling, as far as it is known yet: the answer is signed for a known app. */
    private static final class Caller {
        App app;
        SignType signType = SignType.MD5;
    }

    /** One call: authenticate, run the endpoint, sign and write the answer. */
    private void serve(Context ctx, java.util.function.Function<Call, Object> endpoint) throws IOException {
        long started = System.nanoTime();
        Caller caller = new Caller();
        Object answer;
        HttpStatus status = HttpStatus.OK;
        try {
            refuseFloods(ctx);
            answer = endpoint.apply(authenticate(ctx, caller));
        } catch (TransportFault fault) {
            status = fault.status;
            answer = error(fault.refusal);
        } catch (Refusal refusal) {
            answer = error(refusal);
        } catch (RuntimeException e) {
            // The merchant sees a plain retryable answer; the operator sees the cause in the log.
            log.error("{} {} failed for app {}", ctx.method(), ctx.path(), caller.app == null ? "-" : caller.app.appCode(), e);
            status = HttpStatus.INTERNAL_SERVER_ERROR;
            answer = error(new Refusal(Respcd.TRANSACTION_FAILED, "internal error, please retry"));
        }
        write(ctx, caller, status, answer, started);
    }

    /** The call, once its app is known, its signature right, the app enabled and within its limits. */
    private Call authenticate(Context ctx, Caller caller) throws IOException {
        // The app is looked up before the body is read, so that a refused body (413, 415, 1103) is
        // answered signed too; the refusals keep their order: the body's first, then the headers'.
        String appCode = ctx.header("X-QF-APPCODE");
        App app = appCode == null || appCode.isBlank() || appCode.length() > 64 ? null
                : apps.byAppCode(appCode.trim()).orElse(null);
        Optional<SignType> signType = SignType.fromHeader(ctx.header("X-QF-SIGNTYPE"));
        caller.app = app;
        caller.signType = signType.orElse(SignType.MD5);
        Map<String, String> params = readParams(ctx);
        if (appCode == null || appCode.isBlank()) {
            throw new Refusal(Respcd.SIGNATURE_ERROR, "X-QF-APPCODE: required header is missing");
        }
        if (app == null) {
            throw new Refusal(Respcd.SIGNATURE_ERROR, "X-QF-APPCODE: unknown app code");
        }
        caller.signType = signType
                .orElseThrow(() -> new Refusal(Respcd.SIGNATURE_ERROR, "X-QF-SIGNTYPE: must be MD5 or SHA256"));
        String sign = ctx.header("X-QF-SIGN");
        if (sign == null || sign.isBlank()) {
            throw new Refusal(Respcd.SIGNATURE_ERROR, "X-QF-SIGN: required header is missing");
        }
        if (!QfSignature.verifyParams(params, app.clientKey(), caller.signType, sign)) {
            throw new Refusal(Respcd.SIGNATURE_ERROR,
                    "X-QF-SIGN: does not match the parameters (sorted k=v joined by & followed by the client key, "
                            + caller.signType + " hex)");
        }
        if (!app.enabled()) {
            // After the signature check: only the key's holder learns that the app is off, in a signed answer.
            // 1107 "device not allowed" (the app code is the calling system's credential), not 1243, which
            // is a disabled merchant that may still query and refund.
            throw new Refusal(Respcd.DEVICE_NOT_ALLOWED,
                    "X-QF-APPCODE: this app is disabled by the gateway's operator; every call is refused until it is enabled");
        }
        refuseOverLimit(ctx, app);
        return new Call(app, params);
    }

    private void refuseOverLimit(Context ctx, App app) {
        long waitSeconds = rateLimits.secondsToWait(app);
        if (waitSeconds > 0) {
            ctx.header("Retry-After", Long.toString(waitSeconds));
            throw new TransportFault(HttpStatus.TOO_MANY_REQUESTS, new Refusal(Respcd.TRANSACTION_FAILED,
                    "rate limit exceeded for this app (" + app.ratePerSecond() + "/s, " + app.ratePerMinute()
                            + "/min); retry after " + waitSeconds + " s"));
        }
    }

    /** The answer as JSON (or the file), signed with the caller's key when the caller is known, and the log line. */
    private static void write(Context ctx, Caller caller, HttpStatus status, Object answer, long started)
            throws IOException {
        if (answer instanceof File file) {
            writeFile(ctx, caller, status, file);
            log.info("{} {} app={} respcd={} syssn=- {}us", ctx.method(), ctx.path(), caller.app.appCode(),
                    Respcd.SUCCESS.code(), (System.nanoTime() - started) / 1000);
            return;
        }
        Map<?, ?> fields = (Map<?, ?>) answer;
        byte[] body = Json.MAPPER.writeValueAsBytes(fields);
        String respcd = String.valueOf(fields.get("respcd"));
        ctx.contentType("application/json; charset=utf-8");
        Object syssn = fields.get("syssn");
        if (caller.app != null) {
            ctx.header("X-QF-SIGNTYPE", caller.signType.name());
            ctx.header("X-QF-SIGN", QfSignature.signBody(body, caller.app.clientKey(), caller.signType));
        }
        ctx.status(status).result(body);
        log.info("{} {} app={} respcd={} syssn={} {}us", ctx.method(), ctx.path(),
                caller.app == null ? "-" : caller.app.appCode(), respcd, syssn == null ? "-" : syssn,
                (System.nanoTime() - started) / 1000);
    }

    /**
     * A file answer streamed from its temporary file: signed over its bytes (read once to hash
     * them, then sent), never held in memory whole, and deleted when the response is done with it.
     */
    private static void writeFile(Context ctx, Caller caller, HttpStatus status, File file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance(caller.signType.jcaName());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        try (InputStream in = Files.newInputStream(file.path())) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        digest.update(caller.app.clientKey().getBytes(StandardCharsets.UTF_8));
        ctx.contentType(file.contentType()).header("Content-Disposition", "attachment; filename=\"" + file.filename() + "\"");
        ctx.header("Content-Length", Long.toString(Files.size(file.path())));
        ctx.header("X-QF-SIGNTYPE", caller.signType.name());
        ctx.header("X-QF-SIGN", Hex.upper(digest.digest()));
        ctx.status(status).result(new FilterInputStream(Files.newInputStream(file.path())) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    Files.deleteIfExists(file.path());
                }
            }
        });
    }

    /**
     * The per-address guard, first of all: before the body is read, the app looked up or the
     * signature hashed, so floods of made-up app codes or forged signatures are throttled too.
     */
    private void refuseFloods(Context ctx) {
        long waitSeconds = ipLimits.secondsToWait(ctx.ip());
        if (waitSeconds > 0) {
            ctx.header("Retry-After", Long.toString(waitSeconds));
            ClientIpLimits.Settings limits = ipLimits.settings();
            throw new TransportFault(HttpStatus.TOO_MANY_REQUESTS, new Refusal(Respcd.TRANSACTION_FAILED,
                    "rate limit exceeded for this client address (" + limits.perSecond() + "/s, " + limits.perMinute()
                            + "/min); retry after " + waitSeconds + " s"));
        }
    }

    /** The start of every successful answer: {@code respcd 0000}, {@code resperr success}, empty {@code respmsg}. */
    static Map<String, Object> success() {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("respcd", Respcd.SUCCESS.code());
        answer.put("resperr", Respcd.SUCCESS.meaning());
        answer.put("respmsg", "");
        return answer;
    }

    static Map<String, Object> error(Refusal refusal) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("respcd", refusal.respcd().code());
        answer.put("resperr", refusal.resperr());
        answer.put("respmsg", refusal.respcd().meaning());
        return answer;
    }

    private static Map<String, String> readParams(Context ctx) throws IOException {
        if (ctx.method().name().equals("GET")) {
            String query = ctx.queryString();
            if (query != null && query.length() > MAX_BODY_BYTES) {
                throw new TransportFault(HttpStatus.URI_TOO_LONG, "query string longer than " + MAX_BODY_BYTES + " bytes");
            }
            return FormBody.parse(query == null ? new byte[0] : query.getBytes(StandardCharsets.ISO_8859_1));
        }
        String contentType = ctx.contentType();
        long declared = ctx.req().getContentLengthLong();
        if (contentType == null && declared == 0) {
            // Python's requests.post(url, data={}) sends an empty body with no content type: an empty form.
            return FormBody.parse(new byte[0]);
        }
        if (!isFormUtf8(contentType)) {
            throw new TransportFault(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Content-Type: must be application/x-www-form-urlencoded (UTF-8), got " + contentType);
        }
        if (declared > MAX_BODY_BYTES) {
            throw new TransportFault(HttpStatus.CONTENT_TOO_LARGE, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            // A declared length is read into an array of exactly that size: asking for the limit
            // would allocate a 16 kB buffer for every request (a fifth of its garbage).
            body = in.readNBytes(declared >= 0 ? (int) declared : MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new TransportFault(HttpStatus.CONTENT_TOO_LARGE, "body larger than " + MAX_BODY_BYTES + " bytes");
        }
        return FormBody.parse(body);
    }

    private static boolean isFormUtf8(String contentType) {
        if (contentType == null) {
            return false;
        }
        String[] parts = contentType.toLowerCase(Locale.ROOT).split(";");
        if (!parts[0].trim().equals("application/x-www-form-urlencoded")) {
            return false;
        }
        for (int i = 1; i < parts.length; i++) {
            String param = parts[i].trim();
            if (param.startsWith("charset=") && !param.substring(8).replace("\"", "").equals("utf-8")) {
                return false;
            }
        }
        return true;
    }

    /** A request refused at the transport level: a 4xx status, still with a QFPay JSON body. */
    private static final class TransportFault extends RuntimeException {
        final HttpStatus status;
        final Refusal refusal;

        TransportFault(HttpStatus status, String why) {
            this(status, new Refusal(Respcd.REQUEST_FORMAT_ERROR, why));
        }

        TransportFault(HttpStatus status, Refusal refusal) {
            super(refusal.resperr(), null, false, false);
            this.status = status;
            this.refusal = refusal;
        }
    }
}
