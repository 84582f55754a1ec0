package io.qfgate.sandbox.notify;

import io.qfgate.protocol.FormEncoding;
import io.qfgate.sandbox.AlipaySigner;
import io.qfgate.sandbox.Partner;
import io.qfgate.sandbox.ledger.OrderView;
import io.qfgate.sandbox.store.Notice;
import io.qfgate.sandbox.store.SandboxStore;
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
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Alipay's asynchronous notifications: form POSTs to the merchant's {@code notify_url}, signed as
 * Alipay signs for the partner ({@link AlipaySigner}), delivered when the answer body is
 * {@code success} and otherwise sent again after each of the configured delays, then given up.
 * They are kept in the {@link SandboxStore}, queued in the same step as the payment they tell of.
 * Work runs only when {@link #deliverDue()} is called (by the sandbox's tick), in batches,
 * against the injected clock, so tests move time instead of sleeping; each batch is claimed for
 * a while, so that nodes sharing the store never send a notification twice at once.
 */
public final class Notifier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    /** At most this many notifications go out per tick; the rest wait for the next one. */
    private static final int BATCH = 64;
    /** Enough to read {@code success}; a merchant answering a novel is not read further. */
    private static final int ANSWER_BYTES = 256;

    private final Clock clock;
    private final Function<String, Partner> partners;
    private final AlipaySigner signer;
    private final SandboxStore store;
    private final List<Duration> retryDelays;
    private final Duration timeout;
    private final Duration retention;
    private final HttpClient http;
    private final SecureRandom random = new SecureRandom();

    public Notifier(Clock clock, Function<String, Partner> partners, AlipaySigner signer, SandboxStore store,
            List<Duration> retryDelays, Duration timeout, Duration retention) {
        this.clock = clock;
        this.partners = partners;
        this.signer = signer;
        this.store = store;
        this.retryDelays = List.copyOf(retryDelays);
        this.timeout = timeout;
        this.retention = retention;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /**
     * A notification with these business fields, to be stored (due at once) with the payment;
     * {@code notify_type} and {@code notify_id} are added here, {@code notify_time} and the
     * signature when it is sent.
     */
    public Notice notice(String partnerId, String notifyUrl, Map<String, String> fields) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("notify_type", "trade_status_sync");
        params.put("notify_id", newNotifyId());
        params.putAll(fields);
        return new Notice(params.get("notify_id"), partnerId, notifyUrl, params, 0);
    }

    /**
     * {@code notify_verify}: true for a notification the sandbox really sent (at least once) for
     * this partner.
     */
    public boolean verify(String partnerId, String notifyId) {
        return partnerId != null && notifyId != null && store.wasSent(partnerId, notifyId);
    }

    /** Sends the notifications that are due, waits for their answers, schedules the retries. */
    public void deliverDue() {
        Instant now = clock.instant();
        store.forgetNoticesSettledBefore(now.minus(retention));
        // Longer than an attempt can take: if this node dies mid-send, another sends it after.
        List<Notice> due = store.claimDue(now, now.plus(timeout.multipliedBy(3)), BATCH);
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Notice n : due) {
                sending.submit(() -> attempt(n, now));
            }
        }
    }

    private void attempt(Notice n, Instant now) {
        Map<String, String> signed = new LinkedHashMap<>(n.params());
        signed.put("notify_time", OrderView.beijing(now));
        signer.addSignature(partners.apply(n.partnerId()), signed);
        String answer;
        try {
            answer = post(URI.create(n.url()), signed);
        } catch (IOException e) {
            answer = "(" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the attempt did not happen, it is due again when the claim ends
        }
        int attempts = n.attempts() + 1;
        String outTradeNo = n.params().get("out_trade_no");
        if (answer.trim().equalsIgnoreCase("success")) {
            store.recordAttempt(n.notifyId(), attempts, now, now);
            LOG.info("notification {} for {} delivered to {} (attempt {})", n.notifyId(), outTradeNo, n.url(), attempts);
        } else if (attempts > retryDelays.size()) {
            store.recordAttempt(n.notifyId(), attempts, now, now);
            LOG.warn("notification {} for {} given up after {} attempts; last answer: {}", n.notifyId(), outTradeNo,
                    attempts, answer);
        } else {
            Instant next = now.plus(retryDelays.get(attempts - 1));
            store.recordAttempt(n.notifyId(), attempts, next, null);
            LOG.info("notification {} for {} not acknowledged by {} (answer: {}); next attempt at {}", n.notifyId(),
                    outTradeNo, n.url(), answer, next);
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
