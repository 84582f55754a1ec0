package io.qfgate.client;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.SignType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A merchant's connection to a QFPay Open API gateway (qfgate, or QFPay itself: only the base
 * URL and the credentials differ). Immutable and thread-safe; build one per app and share it.
 *
 * <p>Every call signs its parameters, POSTs them as a UTF-8 form, and accepts an answer only if
 * its {@code X-QF-SIGN} matches the body bytes and the client key. Two answers are exempt:
 * <ul>
 *   <li>HTTP 429: never treated as data, only waited on and retried (see {@link Builder#maxRetries}).
 *   <li>HTTP 200 with {@code respcd 1108} (signature error): the gateway answers it unsigned when it
 *       does not know the app code, and signed with its own key when our key is wrong, so the one
 *       answer that reports bad credentials could never pass our check. If it does not verify,
 *       only its {@code respcd}, {@code resperr} and {@code respmsg} are returned (other fields are
 *       dropped, so a forged 1108 cannot smuggle in a {@code pay_url}); a refusal grants nothing.
 * </ul>
 * Business refusals come back as responses whose {@code isSuccess()} is false; failures with no
 * trustworthy answer throw {@link QfPayException}.
 */
public final class QfPayClient {
    static final String PAYMENT_PATH = "/trade/v1/payment";

    /** Answers are small flat JSON objects; anything bigger is a fault, not data to buffer. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    private static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);
    private static final JsonMapper JSON =
            JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    private final String baseUrl;
    private final String appCode;
    private final String clientKey;
    private final SignType signType;
    private final Duration timeout;
    private final int maxRetries;
    private final Duration maxRetryWait;
    private final HttpClient http;
    private final Sleeper sleeper;
    private final Clock clock;

    private QfPayClient(Builder b) {
        URI base = Objects.requireNonNull(b.baseUrl, "baseUrl");
        if (!base.isAbsolute() || !("http".equals(base.getScheme()) || "https".equals(base.getScheme()))) {
            throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + base);
        }
        // Keep any path prefix (a gateway may live under /online-test); paths are appended to it.
        this.baseUrl = base.toString().replaceAll("/+$", "");
        this.appCode = requireText(b.appCode, "appCode");
        this.clientKey = requireText(b.clientKey, "clientKey");
        this.signType = Objects.requireNonNull(b.signType, "signType");
        this.timeout = requirePositive(b.timeout, "timeout");
        if (b.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be >= 0");
        }
        this.maxRetries = b.maxRetries;
        this.maxRetryWait = Objects.requireNonNull(b.maxRetryWait, "maxRetryWait");
        this.http = b.httpClient != null ? b.httpClient : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirected POST would lose or resend the order
                .build();
        this.sleeper = b.sleeper;
        this.clock = b.clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Creates an order; on {@code respcd 0000} the answer carries the {@code pay_url} for the shopper. */
    public PaymentResponse payment(PaymentRequest request) {
        return PaymentResponse.from(post(PAYMENT_PATH, request.toParams()));
    }

    /**
     * Signs and sends one call, waits out HTTP 429, verifies the answer and returns its fields.
     * Nested values (e.g. a query's {@code data} list) are kept as their JSON text.
     */
    private Map<String, String> post(String path, Map<String, String> params) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .header("X-QF-APPCODE", appCode)
                .header("X-QF-SIGN", QfSignature.signParams(params, clientKey, signType))
                .header("X-QF-SIGNTYPE", signType.name())
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(params), StandardCharsets.UTF_8))
                .build();
        // Resending after a 429 is safe: the gateway did not process the request, and a repeated
        // out_trade_no with the same parameters returns the original answer anyway.
        for (int attempt = 0; ; attempt++) {
            Answer answer = send(request);
            if (answer.status() != 429) {
                return verified(answer);
            }
            Duration wait = retryAfter(answer);
            if (attempt >= maxRetries || wait.compareTo(maxRetryWait) > 0) {
                Map<String, String> f = parseOrNull(answer.body());
                throw new QfPayException(Reason.RATE_LIMITED,
                        "rate limited (HTTP 429) after " + (attempt + 1) + " attempt(s); gateway asks to wait " + wait,
                        429, field(f, "respcd"), field(f, "resperr"), null);
            }
            pause(wait);
        }
    }

    private record Answer(int status, byte[] body, HttpHeaders headers) {}

    private Answer send(HttpRequest request) {
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
                if (body.length > MAX_BODY_BYTES) {
                    throw new QfPayException(Reason.BAD_RESPONSE, "answer larger than " + MAX_BODY_BYTES + " bytes",
                            r.statusCode(), null, null, null);
                }
                return new Answer(r.statusCode(), body, r.headers());
            }
        } catch (IOException e) {
            throw new QfPayException(Reason.TRANSPORT, "no answer from " + request.uri() + ": " + e, 0, null, null, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QfPayException(Reason.TRANSPORT, "interrupted waiting for " + request.uri(), 0, null, null, e);
        }
    }

    private Map<String, String> verified(Answer a) {
        Map<String, String> fields = parseOrNull(a.body());
        String respcd = field(fields, "respcd");
        String resperr = field(fields, "resperr");
        if (a.status() != 200) {
            // QFPay answers every business outcome with 200; anything else is a transport-level fault.
            throw new QfPayException(Reason.HTTP_STATUS, "HTTP " + a.status() + describe(respcd, resperr),
                    a.status(), respcd, resperr, null);
        }
        String sign = a.headers().firstValue("X-QF-SIGN").orElse(null);
        boolean signed = sign != null && QfSignature.verifyBody(a.body(), clientKey, signType, sign);
        if (!signed && Respcd.SIGNATURE_ERROR.code().equals(respcd)) {
            // 1108, see the class comment: pass on the refusal itself, nothing else an unverified body says.
            Map<String, String> refusal = new LinkedHashMap<>();
            refusal.put("respcd", respcd);
            if (resperr != null) refusal.put("resperr", resperr);
            if (fields.containsKey("respmsg")) refusal.put("respmsg", fields.get("respmsg"));
            return Collections.unmodifiableMap(refusal);
        }
        if (!signed) {
            throw new QfPayException(Reason.BAD_SIGNATURE, (sign == null
                    ? "answer carries no X-QF-SIGN"
                    : "answer's X-QF-SIGN does not match its body and the client key") + describe(respcd, resperr),
                    200, respcd, resperr, null);
        }
        if (fields == null || respcd == null) {
            throw new QfPayException(Reason.BAD_RESPONSE, "answer is not a JSON object with a respcd", 200, null, null, null);
        }
        return fields;
    }

    /** The body as a flat field map, or null when it is not a JSON object. */
    private static Map<String, String> parseOrNull(byte[] body) {
        try {
            JsonNode root = JSON.readTree(body);
            if (root == null || !root.isObject()) {
                return null;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (var e : root.properties()) {
                JsonNode v = e.getValue();
                if (!v.isNull()) {
                    fields.put(e.getKey(), v.isValueNode() ? v.asText() : v.toString());
                }
            }
            return Collections.unmodifiableMap(fields);
        } catch (IOException e) { // Jackson's parse errors are IOExceptions
            return null;
        }
    }

    private static String field(Map<String, String> fields, String name) {
        return fields == null ? null : fields.get(name);
    }

    private static String describe(String respcd, String resperr) {
        return respcd == null ? "" : " (respcd " + respcd + (resperr == null ? "" : ": " + resperr) + ")";
    }

    /** {@code Retry-After} as delta-seconds or an HTTP date; one second when absent or unreadable. */
    private Duration retryAfter(Answer a) {
        String value = a.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return DEFAULT_RETRY_WAIT;
        }
        value = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(clock.instant(),
                        ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return DEFAULT_RETRY_WAIT;
            }
        }
    }

    private void pause(Duration wait) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QfPayException(Reason.TRANSPORT, "interrupted while waiting out HTTP 429", 429, null, null, e);
        }
    }

    private static String formEncode(Map<String, String> params) {
        StringJoiner form = new StringJoiner("&");
        params.forEach((k, v) -> form.add(URLEncoder.encode(k, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return form.toString();
    }

    private static String requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    private static Duration requirePositive(Duration d, String name) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return d;
    }

    /** How the client waits between 429 retries; replaceable so tests need not sleep. */
    @FunctionalInterface
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    public static final class Builder {
        private URI baseUrl;
        private String appCode;
        private String clientKey;
        private SignType signType = SignType.MD5;
        private Duration timeout = Duration.ofSeconds(10);
        private int maxRetries = 3;
        private Duration maxRetryWait = Duration.ofSeconds(10);
        private HttpClient httpClient;
        private Sleeper sleeper = Thread::sleep;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The gateway's root, e.g. {@code https://gateway.example.com}; endpoint paths are appended. */
        public Builder baseUrl(URI baseUrl) { this.baseUrl = baseUrl; return this; }
        /** {@code app_code}, sent as {@code X-QF-APPCODE}. */
        public Builder appCode(String appCode) { this.appCode = appCode; return this; }
        /** {@code client_key}: signs requests and verifies answers; never sent. */
        public Builder clientKey(String clientKey) { this.clientKey = clientKey; return this; }
        /** Hash for request and answer signatures; MD5 (the docs' default) unless set. */
        public Builder signType(SignType signType) { this.signType = signType; return this; }
        /** Bounds connecting and waiting for each answer's headers; 10 s unless set. */
        public Builder timeout(Duration timeout) { this.timeout = timeout; return this; }
        /** How many times an HTTP 429 is retried before {@link QfPayException.Reason#RATE_LIMITED}; 3 unless set. */
        public Builder maxRetries(int maxRetries) { this.maxRetries = maxRetries; return this; }
        /** Longest single {@code Retry-After} honoured; a longer one fails at once instead of blocking. 10 s unless set. */
        public Builder maxRetryWait(Duration maxRetryWait) { this.maxRetryWait = maxRetryWait; return this; }
        /** A preconfigured JDK client (proxy, TLS); the client then uses its connect timeout, not {@link #timeout}'s. */
        public Builder httpClient(HttpClient httpClient) { this.httpClient = httpClient; return this; }

        Builder sleeper(Sleeper sleeper) { this.sleeper = sleeper; return this; }
        Builder clock(Clock clock) { this.clock = clock; return this; }

        public QfPayClient build() {
            return new QfPayClient(this);
        }
    }
}
