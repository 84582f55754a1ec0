package io.qfgate.server.notify;

import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.SignType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.NoticeState;
import io.qfgate.server.domain.Stores;
import io.qfgate.server.domain.Stores.Outbox.Attempt;
import io.qfgate.server.domain.Stores.Outbox.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the outbox: claims due notifications in batches (a lease, so that of several nodes
 * only one sends each, and a node that dies mid-send is taken over when its lease runs out),
 * POSTs them signed, and records every attempt. Delivered means HTTP 200 with body
 * {@code SUCCESS}; anything else is retried on QFPay's schedule, then given up as failed.
 */
public final class Dispatcher {
    /** QFPay's schedule: waits after the 1st, 2nd, … failed attempt; after the last, give up. */
    public static final List<Duration> RETRY_AFTER = List.of(Duration.ofMinutes(2), Duration.ofMinutes(10),
            Duration.ofMinutes(10), Duration.ofMinutes(60), Duration.ofHours(2), Duration.ofHours(6), Duration.ofHours(15));

    /**
     * How a node delivers: where to, with which timeouts, how long a claim holds (longer than one
     * attempt can take), how many per batch, how often the outbox is looked at, and whether a
     * new notice is sent at once (else at the next look).
     */
    public record Settings(TargetPolicy targets, Duration connectTimeout, Duration answerTimeout, Duration lease,
            int batchSize, Duration pollEvery, boolean sendAtOnce) {
        public static Settings defaults(TargetPolicy targets) {
            return new Settings(targets, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 50,
                    Duration.ofSeconds(1), true);
        }

        public Settings withTargets(TargetPolicy newTargets) {
            return new Settings(newTargets, connectTimeout, answerTimeout, lease, batchSize, pollEvery, sendAtOnce);
        }

        public Settings withLease(Duration newLease) {
            return new Settings(targets, connectTimeout, answerTimeout, newLease, batchSize, pollEvery, sendAtOnce);
        }

        /** Only by hand ({@link #deliverDue}): for tests that step through the schedule. */
        public Settings manual() {
            return new Settings(targets, connectTimeout, answerTimeout, lease, batchSize, Duration.ofDays(1), false);
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);
    /** What is kept of an answer in the attempt log, and read of it at most. */
    private static final int ANSWER_KEPT = 256;
    private static final int ANSWER_READ = 1024;

    private final Stores.Outbox outbox;
    private final Stores.Apps apps;
    private final Clock clock;
    private final ZoneOffset zone;
    private final Settings settings;
    private final HttpClient http;
    /** One delivery round at a time per node; a request during a round makes it look once more. */
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean lookAgain = new AtomicBoolean();

    public Dispatcher(Stores.Outbox outbox, Stores.Apps apps, Clock clock, ZoneOffset zone, Settings settings) {
        this.outbox = outbox;
        this.apps = apps;
        this.clock = clock;
        this.zone = zone;
        this.settings = settings;
        this.http = httpClient(settings.connectTimeout());
    }

    private HttpClient httpClient(Duration connectTimeout) {
        HttpClient client = new HttpClient();
        client.setFollowRedirects(false);
        client.setConnectTimeout(connectTimeout.toMillis());
        client.setSocketAddressResolver(this::resolve);
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "qfgate"));
        // Daemon threads: a gateway that is not closed must not keep the JVM alive.
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("qfgate-notify");
        threads.setDaemon(true);
        client.setExecutor(threads);
        client.setScheduler(new ScheduledExecutorScheduler("qfgate-notify-timer", true));
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the notification HTTP client", e);
        }
        return client;
    }

    /**
     * Asks for delivery now, on {@code executor}: a notice was just stored. A node runs one round
     * at a time; asking while a round runs makes it look once more when done, so a burst of
     * successes costs a round or two, not one each.
     */
    public void wake(java.util.concurrent.Executor executor) {
        if (!settings.sendAtOnce()) {
            return;
        }
        try {
            executor.execute(this::deliverAllDue);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            // Shutting down: the notice waits in the outbox for the next start.
        }
    }

    /** Delivery rounds until nothing is due; failures are logged and left to the next round. */
    public void deliverAllDue() {
        lookAgain.set(true);
        while (lookAgain.get() && running.compareAndSet(false, true)) {
            try {
                lookAgain.set(false);
                while (deliverDue() > 0) {
                    // A full batch may mean more are due.
                }
            } catch (RuntimeException e) {
                log.error("notification delivery failed; the next round retries", e);
            } finally {
                running.set(false);
            }
        }
    }

    /** Sends one batch of due notifications, concurrently, and waits for them; returns how many were tried. */
    public int deliverDue() {
        String token = UUID.randomUUID().toString();
        LocalDateTime now = now();
        List<Entry> claimed = outbox.claimDue(token, now, now.plus(settings.lease()), settings.batchSize());
        try (ExecutorService sending = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Entry n : claimed) {
                sending.submit(() -> deliver(n, token));
            }
        }
        return claimed.size();
    }

    private void deliver(Entry n, String token) {
        LocalDateTime at = now();
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = attempt(n);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return; // shutting down: the lease runs out and the notification is sent again
        }
        long latencyMs = (System.nanoTime() - started) / 1_000_000;
        boolean delivered = outcome.delivered();
        int attempt = n.attempts() + 1;
        NoticeState state = delivered ? NoticeState.DELIVERED
                : attempt > RETRY_AFTER.size() ? NoticeState.FAILED : NoticeState.PENDING;
        LocalDateTime next = state == NoticeState.PENDING ? at.plus(RETRY_AFTER.get(attempt - 1)) : at;
        Attempt record = new Attempt(n.id(), at, outcome.status(), clip(outcome.answer()), clip(outcome.error()),
                latencyMs);
        if (!outbox.recordAttempt(n, token, record, state, next)) {
            log.warn("notification {} for {}: lease lost before the attempt was recorded", n.id(), n.syssn());
        }
        log.info("notification {} for {} attempt {} to {}: {} ({} ms)", n.id(), n.syssn(), attempt, n.url(),
                delivered ? "delivered" : state.code() + (outcome.error() != null ? ", " + outcome.error()
                        : ", HTTP " + outcome.status()), latencyMs);
    }

    /**
     * One POST of {@code body}, signed with the app's key, to {@code url} under the same target
     * policy as every notice, but outside the outbox: nothing is stored or retried (the portal's
     * test notice).
     */
    public Attempt sendOnce(long appId, String url, String body) {
        LocalDateTime at = now();
        long started = System.nanoTime();
        Outcome outcome;
        try {
            outcome = attempt(new Entry(0, "", appId, "test", url, body, NoticeState.PENDING, 0, at, at, null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = Outcome.failed("interrupted");
        }
        return new Attempt(0, at, outcome.status(), clip(outcome.answer()), clip(outcome.error()),
                (System.nanoTime() - started) / 1_000_000);
    }

    /** What one attempt came to: the merchant's answer, or why there was none. */
    private record Outcome(Integer status, String answer, String error) {
        static Outcome failed(String error) {
            return new Outcome(null, null, error);
        }

        boolean delivered() {
            return status != null && status == 200 && answer != null && answer.strip().equals("SUCCESS");
        }
    }

    /**
     * One POST. A stored URL that does not parse or that the policy refuses is an attempt that
     * failed, recorded like any other, so it moves along the schedule instead of being claimed again.
     */
    private Outcome attempt(Entry n) throws InterruptedException {
        URI url;
        try {
            url = new URI(n.url());
        } catch (URISyntaxException e) {
            return Outcome.failed("target refused: not a valid URL (" + e.getReason() + ")");
        }
        Optional<String> problem = settings.targets().problemWithForm(url);
        if (problem.isPresent()) {
            return Outcome.failed("target refused: " + problem.get());
        }
        try {
            App app = apps.byId(n.appId()).orElseThrow();
            byte[] body = n.body().getBytes(StandardCharsets.UTF_8);
            InputStreamResponseListener listener = new InputStreamResponseListener();
            http.newRequest(url)
                    .method(HttpMethod.POST)
                    .timeout(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS)
                    .headers(h -> h.put("X-QF-SIGN", QfSignature.signBody(body, app.clientKey(), SignType.MD5)))
                    .body(new BytesRequestContent("application/json", body))
                    .send(listener);
            Response response = listener.get(settings.answerTimeout().toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream in = listener.getInputStream()) {
                return new Outcome(response.getStatus(), new String(in.readNBytes(ANSWER_READ), StandardCharsets.UTF_8),
                        null);
            }
        } catch (ExecutionException e) {
            return Outcome.failed(describe(e.getCause()));
        } catch (TimeoutException | IOException | RuntimeException e) {
            return Outcome.failed(describe(e));
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof TargetPolicy.Refused refused) {
                return "target refused: " + refused.getMessage();
            }
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    /**
     * Jetty connects to what this answers, and this answers only the addresses the policy has just
     * checked: one lookup, so DNS cannot answer the check with one address and the connection with
     * another. The request keeps the host name, so https still sends it (SNI) and verifies the
     * certificate against it; connecting java.net.http to a bare IP could do neither.
     */
    private void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        // Off Jetty's threads: a lookup may block.
        Thread.ofVirtual().name("qfgate-notify-resolve").start(() -> {
            try {
                promise.succeeded(settings.targets().addressesOf(host).stream()
                        .map(a -> new InetSocketAddress(a, port)).toList());
            } catch (TargetPolicy.Refused e) {
                promise.failed(e);
            }
        });
    }

    /** Stops the HTTP client; deliveries after this fail and are retried after a restart. */
    public void close() {
        try {
            http.stop();
        } catch (Exception e) {
            log.warn("stopping the notification HTTP client: {}", e.toString());
        }
    }

    private static String clip(String s) {
        return s == null || s.length() <= ANSWER_KEPT ? s : s.substring(0, ANSWER_KEPT);
    }

    private LocalDateTime now() {
        return QfTime.now(clock, zone, ChronoUnit.MILLIS);
    }
}
