package io.qfgate.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.qfgate.client.Notification;
import io.qfgate.client.NotificationVerifier;
import io.qfgate.client.QfPayException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The merchant's notification endpoint, as a shop would run it: a JDK HTTP server on loopback that
 * checks each notification's signature with the SDK's {@link NotificationVerifier} and answers
 * {@code SUCCESS}. A journey waits here for the notification of its order.
 */
final class MerchantEndpoint implements AutoCloseable {
    static final String PATH = "/qfpay/notify";
    /** Notifications are small flat JSON objects; anything bigger is not one. */
    private static final int MAX_BODY = 64 * 1024;

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final NotificationVerifier verifier;
    /** out_trade_no → completed with System.nanoTime() when its notification arrived. */
    private final ConcurrentMap<String, CompletableFuture<Long>> waiting = new ConcurrentHashMap<>();
    final AtomicLong received = new AtomicLong();
    final AtomicLong forged = new AtomicLong();

    MerchantEndpoint(String clientKey) throws IOException {
        this.verifier = new NotificationVerifier(clientKey);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        server.setExecutor(executor);
        server.createContext(PATH, this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
    }

    /** Registers interest in the notification of this order; call before the order is created. */
    CompletableFuture<Long> expect(String outTradeNo) {
        CompletableFuture<Long> arrival = new CompletableFuture<>();
        waiting.put(outTradeNo, arrival);
        return arrival;
    }

    void forget(String outTradeNo) {
        waiting.remove(outTradeNo);
    }

    private void handle(HttpExchange exchange) throws IOException {
        long at = System.nanoTime();
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readNBytes(MAX_BODY);
            }
            Notification n;
            try {
                n = verifier.verify(body, exchange.getRequestHeaders().getFirst("X-QF-SIGN"));
            } catch (QfPayException e) {
                forged.incrementAndGet();
                answer(exchange, 400, "bad signature");
                return;
            }
            received.incrementAndGet();
            CompletableFuture<Long> arrival = n.outTradeNo() == null ? null : waiting.remove(n.outTradeNo());
            if (arrival != null) {
                if (n.isPayment() && "0000".equals(n.respcd())) {
                    arrival.complete(at);
                } else {
                    arrival.completeExceptionally(new IllegalStateException("notification for " + n.outTradeNo()
                            + " says " + n.notifyType() + " respcd " + n.respcd()));
                }
            }
            // Stored (here: counted); the gateway may stop sending it.
            answer(exchange, 200, "SUCCESS");
        }
    }

    private static void answer(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
