package io.qfgate.server.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A merchant's notification endpoint for tests with gateway processes: answers {@code SUCCESS}
 * after {@code delay}, records the syssn of every notification that arrives (and in which phase of
 * the test), and, as the test's {@link Hold} decides, holds a request unanswered until
 * {@link #release()} (at most {@link #MAX_HOLD}, below the gateway's 10 s answer timeout) — a
 * request "in flight" when the node sending it is killed.
 */
final class RecordingMerchant implements AutoCloseable {
    /** Longest a request is held; the gateway gives up waiting for an answer after 10 s. */
    static final Duration MAX_HOLD = Duration.ofSeconds(8);

    /** Whether to hold the {@code n}-th arrival (1-based) of a notification for {@code syssn}. */
    interface Hold {
        boolean hold(String syssn, int n);

        Hold NEVER = (syssn, n) -> false;
    }

    /** One notification that reached the endpoint. */
    record Arrival(String syssn, String phase) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    /** Notifications answered SUCCESS (the answer written and flushed), with the phase they arrived in. */
    final List<Arrival> acknowledged = new CopyOnWriteArrayList<>();
    /** Syssns of the requests being held right now. */
    final Set<String> holding = ConcurrentHashMap.newKeySet();
    /** Requests that were not well-formed notifications. */
    final List<String> malformed = new CopyOnWriteArrayList<>();
    /** Holds that ran out before {@link #release()}: the test took longer than it may. */
    final AtomicInteger expiredHolds = new AtomicInteger();
    /** A label the test moves on (e.g. "before kill", "after restart"); arrivals carry it. */
    volatile String phase = "1";

    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final CountDownLatch released = new CountDownLatch(1);
    private final Duration delay;
    private final Hold hold;
    private final HttpServer server;
    private final ExecutorService handlers = Executors.newVirtualThreadPerTaskExecutor();

    RecordingMerchant(Duration delay, Hold hold) {
        this.delay = delay;
        this.hold = hold;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String syssn;
            try {
                syssn = JSON.readTree(exchange.getRequestBody().readAllBytes()).path("syssn").asText(null);
            } catch (IOException e) {
                syssn = null;
            }
            if (syssn == null || !"POST".equals(exchange.getRequestMethod())) {
                malformed.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
                exchange.sendResponseHeaders(400, -1);
                return;
            }
            Arrival arrival = new Arrival(syssn, phase);
            arrivals.add(arrival);
            int n = counts.computeIfAbsent(syssn, s -> new AtomicInteger()).incrementAndGet();
            try {
                if (released.getCount() > 0 && hold.hold(syssn, n)) {
                    holding.add(syssn);
                    try {
                        if (!released.await(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)) {
                            expiredHolds.incrementAndGet();
                        }
                    } finally {
                        holding.remove(syssn);
                    }
                }
                if (!delay.isZero()) {
                    Thread.sleep(delay);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            byte[] body = "SUCCESS".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.getResponseBody().flush();
            acknowledged.add(arrival);
        }
    }

    /** Answers every held request, and holds none from now on. */
    void release() {
        released.countDown();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/qfpay/notify";
    }

    /** How often a notification for {@code syssn} arrived. */
    int count(String syssn) {
        AtomicInteger c = counts.get(syssn);
        return c == null ? 0 : c.get();
    }

    Map<String, AtomicInteger> counts() {
        return counts;
    }

    @Override
    public void close() {
        release();
        server.stop(0);
        handlers.shutdownNow();
    }
}
