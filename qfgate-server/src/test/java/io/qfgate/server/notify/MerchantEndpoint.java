package io.qfgate.server.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/** A merchant's notification endpoint in the test: records what arrives, answers as scripted. */
final class MerchantEndpoint implements AutoCloseable {
    /** What arrived: the raw body, its X-QF-SIGN, Content-Type and Host headers. */
    record Received(byte[] body, String sign, String contentType, String host) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The answer to the n-th request (1-based): status and body. */
    record Reply(int status, String body, String location) {
        static Reply of(int status, String body) {
            return new Reply(status, body, null);
        }
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    MerchantEndpoint(IntFunction<Reply> script) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            received.add(new Received(exchange.getRequestBody().readAllBytes(),
                    exchange.getRequestHeaders().getFirst("X-QF-SIGN"),
                    exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("Host")));
            Reply reply = script.apply(received.size());
            if (reply.location() != null) {
                exchange.getResponseHeaders().add("Location", reply.location());
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    String url() {
        return url("127.0.0.1");
    }

    /** The endpoint's URL under another host name (which the test's resolver maps to 127.0.0.1). */
    String url(String host) {
        return "http://" + host + ":" + server.getAddress().getPort() + "/qfpay/notify";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
