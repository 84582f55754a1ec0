package io.qfgate.client;

import io.qfgate.client.QfPayException.Reason;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.Respcd;
import io.qfgate.protocol.SignType;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A merchant's connection to a QFPay Open API gateway (qfgate, or QFPay itself: only the base
 * URL and the credentials differ). Immutable and thread-safe; build one per app and share it.
 *
 * <p>Every call signs its parameters, POSTs them as a UTF-8 form ({@link #tradeBill} GETs them as
 * a query string), and accepts an answer only if its {@code X-QF-SIGN} matches the body bytes and
 * the client key. Two answers are exempt:
 * <ul>
 *   <li>HTTP 429: never treated as data, only waited on and retried (see {@link Builder#maxRetries}).
 *   <li>HTTP 200 with {@code respcd 1108} (signature error): the gateway answers it unsigned when it
 *       does not know the app code, and signed with its own key when our key is wrong, so the one
 *       answer that reports bad credentials could never pass our check. If it does not verify,
 *       only its {@code respcd}, {@code resperr} and {@code respmsg} are returned (other fields are
 *       dropped, so a forged 1108 cannot smuggle in a {@code pay_url}); a refusal grants nothing.
 * </ul>
 * Business refusals come back as responses whose {@code isSuccess()} is false (the calls that
 * return no response object, {@link #tradeBill} and {@link #awaitResult}, throw them as
 * {@link QfPayException.Reason#REFUSED}); failures with no trustworthy answer throw {@link QfPayException}.
 */
public final class QfPayClient {
    static final String PAYMENT_PATH = "/trade/v1/payment";
    static final String QUERY_PATH = "/trade/v1/query";
    static final String REFUND_PATH = "/trade/v1/refund";
    static final String REVERSAL_PATH = "/trade/v1/reversal";
    static final String CLOSE_PATH = "/trade/v1/close";
    static final String ADD_NOTE_PATH = "/trade/v1/add_note";
    static final String TRADE_BILL_PATH = "/download/v1/trade_bill";
    static final String CUSTOMS_DECLARE_PATH = "/custom/v1/declare";
    static final String CUSTOMS_QUERY_PATH = "/custom/v1/query";
    static final String CUSTOMS_REDECLARE_PATH = "/custom/v1/redeclare";

    /** Answers are small JSON objects (a query page holds at most 100 rows); anything bigger is a fault. */
    private static final int MAX_BODY_BYTES = 1 << 20;
    /** A day's statement is a zip that grows with the merchant's volume, so it gets its own, larger bound. */
    private static final int MAX_BILL_BYTES = 64 << 20;
    private static final Duration DEFAULT_RETRY_WAIT = Duration.ofSeconds(1);

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
        return Wire.toRecord(PaymentResponse.class, post(PAYMENT_PATH, request.toParams()));
    }

    /**
     * The signed link to the hosted checkout page for {@code order}, to send the shopper's browser
     * to: {@code <baseUrl>/checkstand/#/?…} with this client's app code, and its sign type as
     * {@code sign_type}. Made here, without a call to the gateway: the order exists once the
     * shopper opens the link.
     */
    public URI checkoutUrl(CheckoutLink order) {
        return order.toUri(baseUrl, appCode, clientKey, signType);
    }

    /** Lists transactions (payments and refunds) by number, pay type, state or time, one page per call. */
    public QueryResponse query(QueryRequest request) {
        return QueryResponse.from(post(QUERY_PATH, request.toParams()));
    }

    /**
     * Refunds a successful payment in full or in part. Resending the same request after a
     * {@link QfPayException.Reason#TRANSPORT} failure is safe: the refund's {@code out_trade_no}
     * identifies it.
     */
    public RefundResponse refund(RefundRequest request) {
        return Wire.toRecord(RefundResponse.class, post(REFUND_PATH, request.toParams()));
    }

    /** Cancels an order that has not been paid ({@code /trade/v1/reversal}). */
    public CancelResponse reversal(CancelRequest request) {
        return Wire.toRecord(CancelResponse.class, post(REVERSAL_PATH, request.toParams()));
    }

    /** Closes an order that has not been paid ({@code /trade/v1/close}); same request and answer as {@link #reversal}. */
    public CancelResponse close(CancelRequest request) {
        return Wire.toRecord(CancelResponse.class, post(CLOSE_PATH, request.toParams()));
    }

    /**
     * Attaches a remark (at most 200 characters) to a transaction, shown in the portal and reports.
     * Only apps without sub-merchants may do this, so there is no {@code mchid}.
     */
    public AddNoteResponse addNote(String syssn, String note) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("code", appCode); // the docs ask for the app code again, as a signed parameter
        params.put("syssn", Objects.requireNonNull(syssn, "syssn"));
        params.put("note", Objects.requireNonNull(note, "note"));
        return AddNoteResponse.from(post(ADD_NOTE_PATH, params));
    }

    /**
     * Declares a paid payment (or a sub-order) to customs. Resending the same request is safe:
     * its {@code out_request_no} identifies the declaration, and the answer is its state.
     */
    public CustomsDeclareResponse declareCustoms(CustomsDeclareRequest request) {
        return Wire.toRecord(CustomsDeclareResponse.class, post(CUSTOMS_DECLARE_PATH, request.toParams()));
    }

    /** A payment's declarations as customs has them now; {@link CustomsQueryResponse#isPending()} says query again. */
    public CustomsQueryResponse queryCustoms(CustomsLookupRequest request) {
        return CustomsQueryResponse.from(post(CUSTOMS_QUERY_PATH, request.toParams()));
    }

    /** Pushes a declaration to customs again; {@code mchCustomsNo} must be the one it was declared with. */
    public CustomsDeclareResponse redeclareCustoms(CustomsLookupRequest request) {
        Objects.requireNonNull(request.mchCustomsNo(), "mchCustomsNo is required to redeclare");
        return Wire.toRecord(CustomsDeclareResponse.class, post(CUSTOMS_REDECLARE_PATH, request.toParams()));
    }

    /** The day's statement, see {@link #tradeBill(LocalDate, String)}; for apps without sub-merchants. */
    public byte[] tradeBill(LocalDate tradeDate) {
        return tradeBill(tradeDate, null);
    }

    /**
     * Downloads the statement of one day (gateway time): the bytes of a zip of CSV, verified
     * against the answer's {@code X-QF-SIGN} like any other answer.
     *
     * @param mchid the sub-merchant (agents' apps only), or null
     * @throws QfPayException {@link QfPayException.Reason#REFUSED} with {@code respcd}/{@code resperr}
     *                        when the gateway answers with an error instead of the file
     */
    public byte[] tradeBill(LocalDate tradeDate, String mchid) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("trade_date", Objects.requireNonNull(tradeDate, "tradeDate").toString()); // ISO yyyy-MM-dd
        Wire.putIfSet(params, "mchid", mchid);
        Answer answer = exchange(signedRequest(TRADE_BILL_PATH + "?" + FormEncoding.encode(params), params).GET().build(),
                MAX_BILL_BYTES);
        // Decided by content rather than Content-Type: a zip never parses as a JSON object, and a
        // refusal always is one, whatever header a proxy may have put on either.
        if (answer.status() == 200 && Wire.parseObject(answer.body()) == null) {
            if (!signatureMatches(answer)) {
                throw badSignature(answer, null, null);
            }
            return answer.body();
        }
        Map<String, String> refusal = verified(answer);
        String respcd = refusal.get("respcd");
        if (Respcd.SUCCESS.code().equals(respcd)) {
            throw new QfPayException(Reason.BAD_RESPONSE, "answer says 0000 but carries no statement file",
                    200, respcd, refusal.get("resperr"), null);
        }
        throw new QfPayException(Reason.REFUSED, "trade bill for " + tradeDate + " refused"
                + describe(respcd, refusal.get("resperr")), 200, respcd, refusal.get("resperr"), null);
    }

    /** {@link #awaitResult(String, Duration, Duration, String)} for apps without sub-merchants. */
    public TransactionRecord awaitResult(String syssn, Duration timeout, Duration interval) {
        return awaitResult(syssn, timeout, interval, null);
    }

    /**
     * Queries a transaction every {@code interval} until it leaves the pending states {@code 1143}
     * (shopper has not paid) and {@code 1145} (result being confirmed), or until {@code timeout}
     * has passed; then returns its last state, which may still be pending. Blocks the calling
     * thread. A transaction the gateway does not list yet is polled for like a pending one (a
     * query may be served by a replica that has not seen a fresh order).
     *
     * @param mchid the sub-merchant (agents' apps only), or null
     * @throws QfPayException {@link QfPayException.Reason#REFUSED} when a query is refused,
     *                        {@link QfPayException.Reason#NOT_FOUND} when the transaction was never
     *                        listed before the timeout, or any failure of {@link #query}
     */
    public TransactionRecord awaitResult(String syssn, Duration timeout, Duration interval, String mchid) {
        Objects.requireNonNull(syssn, "syssn");
        if (timeout == null || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be zero or positive");
        }
        requirePositive(interval, "interval");
        QueryRequest bySyssn = QueryRequest.builder().syssn(syssn).mchid(mchid).build();
        Instant deadline = clock.instant().plus(timeout);
        TransactionRecord last = null;
        while (true) {
            QueryResponse answer = query(bySyssn);
            if (!answer.isSuccess()) {
                throw new QfPayException(Reason.REFUSED, "query of " + syssn + " refused"
                        + describe(answer.respcd(), answer.resperr()), 200, answer.respcd(), answer.resperr(), null);
            }
            TransactionRecord now = answer.data().stream().filter(t -> syssn.equals(t.syssn())).findFirst().orElse(null);
            if (now != null && !now.isPending()) {
                return now;
            }
            last = now != null ? now : last;
            Duration left = Duration.between(clock.instant(), deadline);
            if (left.isNegative() || left.isZero()) {
                break;
            }
            // The last wait is cut short so that one more query lands right at the deadline.
            pause(left.compareTo(interval) < 0 ? left : interval, "polling " + syssn, 0);
        }
        if (last == null) {
            throw new QfPayException(Reason.NOT_FOUND, "transaction " + syssn + " not listed by the gateway within "
                    + timeout, 200, null, null, null);
        }
        return last;
    }

    /** Signs and POSTs one call, waits out HTTP 429, verifies the answer and returns its fields. */
    private Map<String, String> post(String path, Map<String, String> params) {
        HttpRequest request = signedRequest(path, params)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(params), StandardCharsets.UTF_8))
                .build();
        return verified(exchange(request, MAX_BODY_BYTES));
    }

    /** A request to {@code pathAndQuery} carrying the headers of the QFPay signature over {@code params}. */
    private HttpRequest.Builder signedRequest(String pathAndQuery, Map<String, String> params) {
        return HttpRequest.newBuilder(URI.create(baseUrl + pathAndQuery))
                .timeout(timeout)
                .header("X-QF-APPCODE", appCode)
                .header("X-QF-SIGN", QfSignature.signParams(params, clientKey, signType))
                .header("X-QF-SIGNTYPE", signType.name());
    }

    /** Sends a request until the answer is not HTTP 429 (see {@link Builder#maxRetries}); the answer is not verified yet. */
    private Answer exchange(HttpRequest request, int maxBytes) {
        // Resending after a 429 is safe: the gateway did not process the request, and a repeated
        // out_trade_no with the same parameters returns the original answer anyway.
        for (int attempt = 0; ; attempt++) {
            Answer answer = send(request, maxBytes);
            if (answer.status() != 429) {
                return answer;
            }
            Duration wait = retryAfter(answer);
            if (attempt >= maxRetries || wait.compareTo(maxRetryWait) > 0) {
                Map<String, String> f = Wire.parseObject(answer.body());
                throw new QfPayException(Reason.RATE_LIMITED,
                        "rate limited (HTTP 429) after " + (attempt + 1) + " attempt(s); gateway asks to wait " + wait,
                        429, field(f, "respcd"), field(f, "resperr"), null);
            }
            pause(wait, "waiting out HTTP 429", 429);
        }
    }

    private record Answer(int status, byte[] body, HttpHeaders headers) {}

    private Answer send(HttpRequest request, int maxBytes) {
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                byte[] body = in.readNBytes(maxBytes + 1);
                if (body.length > maxBytes) {
                    throw new QfPayException(Reason.BAD_RESPONSE, "answer larger than " + maxBytes + " bytes",
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
        Map<String, String> fields = Wire.parseObject(a.body());
        String respcd = field(fields, "respcd");
        String resperr = field(fields, "resperr");
        if (a.status() != 200) {
            // QFPay answers every business outcome with 200; anything else is a transport-level fault.
            throw new QfPayException(Reason.HTTP_STATUS, "HTTP " + a.status() + describe(respcd, resperr),
                    a.status(), respcd, resperr, null);
        }
        boolean signed = signatureMatches(a);
        if (!signed && Respcd.SIGNATURE_ERROR.code().equals(respcd)) {
            // 1108, see the class comment: pass on the refusal itself, nothing else an unverified body says.
            Map<String, String> refusal = new LinkedHashMap<>();
            refusal.put("respcd", respcd);
            if (resperr != null) refusal.put("resperr", resperr);
            if (fields.containsKey("respmsg")) refusal.put("respmsg", fields.get("respmsg"));
            return Collections.unmodifiableMap(refusal);
        }
        if (!signed) {
            throw badSignature(a, respcd, resperr);
        }
        if (fields == null || respcd == null) {
            throw new QfPayException(Reason.BAD_RESPONSE, "answer is not a JSON object with a respcd", 200, null, null, null);
        }
        return fields;
    }

    private boolean signatureMatches(Answer a) {
        String sign = a.headers().firstValue("X-QF-SIGN").orElse(null);
        return sign != null && QfSignature.verifyBody(a.body(), clientKey, signType, sign);
    }

    private static QfPayException badSignature(Answer a, String respcd, String resperr) {
        return new QfPayException(Reason.BAD_SIGNATURE, (a.headers().firstValue("X-QF-SIGN").isEmpty()
                ? "answer carries no X-QF-SIGN"
                : "answer's X-QF-SIGN does not match its body and the client key") + describe(respcd, resperr),
                a.status(), respcd, resperr, null);
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

    private void pause(Duration wait, String why, int httpStatus) {
        try {
            sleeper.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new QfPayException(Reason.TRANSPORT, "interrupted while " + why, httpStatus, null, null, e);
        }
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

    /** How the client waits between 429 retries and between polls; replaceable so tests need not sleep. */
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
