package io.qfgate.sandbox.notify;

import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.OrderView;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay's asynchronous notifications: form POSTs to the merchant's {@code notify_url}, signed
 * with the partner's MD5 key, delivered when the answer body is {@code success} and otherwise
 * sent again after each of the configured delays, then given up. Work runs only when
 * {@link #deliverDue()} is called (by the sandbox's tick), in batches, against the injected
 * clock, so tests move time instead of sleeping.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** At most this many notifications go out per tick; the rest wait for the next one. */
    private static final int BATCH = 64;
    /** Enough to read {@code success}; a merchant answering a novel is not read further. */
    private static final int ANSWER_BYTES = 256;

    private enum State { PENDING, DELIVERED, GAVE_UP }

    private static final class Delivery {
        final String notifyId;
        final String partnerId;
        final URI url;
        final Map<String, String> params;
        volatile State state = State.PENDING;
        volatile int attempts;
        /** Set before the first POST leaves: the receiver calls notify_verify while we await its answer. */
        volatile boolean sent;
        volatile Instant nextAttemptAt;
        volatile Instant settledAt;

        Delivery(String notifyId, String partnerId, URI url, Map<String, String> params, Instant due) {
            this.notifyId = notifyId;
            this.partnerId = partnerId;
            this.url = url;
            this.params = params;
            this.nextAttemptAt = due;
        }
    }

    private final Clock clock;
    private final Function<String, Partner> partners;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final Duration retention;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Delivery> deliveries = new ConcurrentHashMap<>();

    public Notifier(Clock clock, Function<String, Partner> partners, List<Duration> retryDelays, Duration timeout,
            Duration retention) {
        this.clock = clock;
        this.partners = partners;
        this.retryDelays = List.copyOf(retryDelays);
        this.timeout = timeout;
        this.retention = retention;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * Queues a notification with these business fields; {@code notify_type}, {@code notify_id},
     * {@code notify_time} and the signature are added here. Due at once.
     *
     * @return the notify_id
     */
    public String enqueue(String partnerId, String notifyUrl, Map<String, String> fields) {
        String notifyId = newNotifyId();
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_type", "trade_status_sync");
        params.put("notify_id", notifyId);
        params.putAll(fields);
        deliveries.put(notifyId, new Delivery(notifyId, partnerId, URI.create(notifyUrl), Map.copyOf(params),
                clock.instant()));
        return notifyId;
    }

    /**
     * {@code notify_verify}: true for a notification the sandbox really sent (at least once) for
     * this partner.
     */
    public boolean verify(String partnerId, String notifyId) {
        Delivery d = notifyId == null ? null : deliveries.get(notifyId);
        return d != null && d.partnerId.equals(partnerId) && d.sent;
    }

    /** Sends the notifications that are due, waits for their answers, schedules the retries. */
    public void deliverDue() {
        Instant now = clock.instant();
        List<Delivery> due = new ArrayList<>();
        for (Delivery d : deliveries.values()) {
            if (d.state == State.PENDING && !d.nextAttemptAt.isAfter(now) && due.size() < BATCH) {
                due.add(d);
            } else if (d.state != State.PENDING && d.settledAt.plus(retention).isBefore(now)) {
                deliveries.remove(d.notifyId);
            }
        }
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Delivery d : due) {
                sending.submit(() -> attempt(d, now));
            }
        }
    }

    private void attempt(Delivery d, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(d.params);
        signed.put("notify_time", OrderView.beijing(now));
        signed.put("sign", MapiSignature.md5(signed, partners.apply(d.partnerId).md5Key()));
        signed.put("sign_type", MapiSignature.MD5);
        String answer;
        d.sent = true;
        try {
            answer = post(d.url, signed);
        } catch (IOException e) {
            answer = "(" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the attempt did not happen, it stays due
        }
        d.attempts++;
        if (answer.trim().equalsIgnoreCase("success")) {
            settle(d, State.DELIVERED, now);
            LOG.info("notification {} for {} delivered to {} (attempt {})", d.notifyId, d.params.get("out_trade_no"),
                    d.url, d.attempts);
        } else if (d.attempts > retryDelays.size()) {
            settle(d, State.GAVE_UP, now);
            LOG.warn("notification {} for {} given up after {} attempts; last answer: {}", d.notifyId,
                    d.params.get("out_trade_no"), d.attempts, answer);
        } else {
            d.nextAttemptAt = now.plus(retryDelays.get(d.attempts - 1));
            LOG.info("notification {} for {} not acknowledged by {} (answer: {}); next attempt at {}", d.notifyId,
                    d.params.get("out_trade_no"), d.url, answer, d.nextAttemptAt);
        }
    }

    private String post(URI url, Map<String, String> params) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(FormEncoding.encode(params), StandardCharsets.UTF_8))
                .build();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            String text = new String(body.readNBytes(ANSWER_BYTES), StandardCharsets.UTF_8);
            return response.statusCode() == 200 ? text : "(HTTP " + response.statusCode() + ") " + text;
        }
    }

    private static void settle(Delivery d, State state, Instant at) {
        d.settledAt = at;
        d.state = state;
    }

    private String newNotifyId() {
        byte[] bytes = new byte[20];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    @Override
    public void close() {
        http.close();
    }
}
