package io.qfgate.server.browser;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The merchant's web shop, as small as a test needs: a "thank you" page the shopper comes back
 * to ({@code return_url}), and checkout pages that embed a {@code pay_url} in an iframe. It
 * records every request, so a test sees what reached the merchant.
 */
final class MerchantShop implements AutoCloseable {
    static final String THANKS = "/thanks";

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, String> pages = new ConcurrentHashMap<>();
    private final List<URI> requests = new CopyOnWriteArrayList<>();

    MerchantShop() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The return_url for an order of the shop; the shop's own {@code order} parameter rides along. */
    String thanksUrl(String order) {
        return baseUrl() + THANKS + "?order=" + order;
    }

    /** A checkout page of the shop with the QR of {@code payUrl} in an iframe (AlipayHK's way). */
    String checkoutWithIframe(String order, String payUrl) {
        String path = "/checkout/" + order;
        pages.put(path, page("Checkout " + order, """
                <h1>Kowloon Books — checkout</h1>
                <p>Order <b>%s</b>: scan with AlipayHK to pay.</p>
                <iframe id="alipay" title="AlipayHK" src="%s" width="260" height="300"></iframe>
                """.formatted(escape(order), escape(payUrl))));
        return baseUrl() + path;
    }

    /** Requests that reached the thank-you page, oldest first. */
    List<URI> thanksVisits() {
        return requests.stream().filter(u -> u.getPath().equals(THANKS)).toList();
    }

    /** The query parameters of a URL, decoded (the last value of a name wins). */
    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = URI.create(url).getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            requests.add(uri);
            String html;
            int status = 200;
            if (uri.getPath().equals(THANKS)) {
                html = thanks(query(uri.toString()));
            } else if (pages.containsKey(uri.getPath())) {
                html = pages.get(uri.getPath());
            } else {
                status = 404;
                html = page("Not found", "<h1>Not found</h1>");
            }
            byte[] body = html.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=UTF-8");
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static String thanks(Map<String, String> params) {
        StringBuilder rows = new StringBuilder();
        params.forEach((k, v) -> rows.append("<dt>").append(escape(k)).append("</dt><dd id=\"p-").append(escape(k))
                .append("\">").append(escape(v)).append("</dd>\n"));
        return page("Thank you", """
                <h1>Thank you for your order</h1>
                <p id="order">Order <b>%s</b></p>
                <p>Alipay sent you back with:</p>
                <dl>%s</dl>
                """.formatted(escape(params.getOrDefault("order", "?")), rows));
    }

    private static String page(String title, String body) {
        return """
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <title>%s · Kowloon Books</title>
                <style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem;color:#222}
                dl{display:grid;grid-template-columns:auto 1fr;gap:.25rem 1rem}dt{color:#666}dd{margin:0;overflow-wrap:anywhere}
                iframe{border:1px solid #ccc;border-radius:.5rem}</style></head>
                <body>%s</body></html>
                """.formatted(escape(title), body);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
