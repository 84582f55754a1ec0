package io.qfgate.server.channel.alipay;

import com.sun.net.httpserver.HttpServer;
import io.qfgate.protocol.alipay.MapiSignature;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in for Alipay's {@code gateway.do} on 127.0.0.1 that answers whatever the test says:
 * genuine, forged, unsigned, about another order, or endless.
 */
final class FakeAlipay implements AutoCloseable {
    /** What to send back for a request's decoded parameters: a body, or {@link #ENDLESS}. */
    volatile Function<Map<String, String>, String> answer = p -> failure("SYSTEM_ERROR");
    final List<Map<String, String>> requests = new CopyOnWriteArrayList<>();
    /** An answer that never ends: the fake writes until the client hangs up. */
    static final String ENDLESS = "<endless>";
    volatile long bytesWritten;

    private final HttpServer server;

    FakeAlipay() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/gateway.do", exchange -> {
            Map<String, String> params = query(exchange.getRequestURI());
            requests.add(params);
            String body = answer.apply(params);
            if (body.equals(ENDLESS)) {
                exchange.sendResponseHeaders(200, 0);
                byte[] chunk = ("<x>" + "a".repeat(8185) + "</x>").getBytes(StandardCharsets.UTF_8);
                try (OutputStream out = exchange.getResponseBody()) {
                    for (long i = 0; i < 100_000; i++) { // 800 MB at most: far beyond any limit
                        out.write(chunk);
                        bytesWritten += chunk.length;
                    }
                } catch (IOException clientHungUp) {
                    // expected: the client stopped reading
                }
                exchange.close();
                return;
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml; charset=UTF-8");
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/gateway.do";
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** {@code is_success T} with a {@code <response><element>} signed MD5 with {@code key} (null: no sign). */
    static String signed(String element, Map<String, String> fields, String key) {
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay><is_success>T</is_success>")
                .append("<response><").append(element).append('>');
        fields.forEach((k, v) -> xml.append('<').append(k).append('>').append(v).append("</").append(k).append('>'));
        xml.append("</").append(element).append("></response>");
        if (key != null) {
            xml.append("<sign>").append(MapiSignature.md5(fields, key)).append("</sign><sign_type>MD5</sign_type>");
        }
        return xml.append("</alipay>").toString();
    }

    static String bareSuccess() {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay><is_success>T</is_success></alipay>";
    }

    static String failure(String code) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<alipay><is_success>F</is_success><error>" + code
                + "</error></alipay>";
    }

    /** A paid trade as single_trade_query and close_trade describe it. */
    static Map<String, String> paidTrade(String outTradeNo, String totalFee, String currency) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("out_trade_no", outTradeNo);
        t.put("trade_no", "2026112722001400000000000077");
        t.put("trade_status", "TRADE_SUCCESS");
        t.put("total_fee", totalFee);
        t.put("currency", currency);
        t.put("buyer_id", "2088000000000099");
        t.put("gmt_payment", "2026-11-27 10:05:00");
        return t;
    }

    /** A refund as forex_refund describes it. */
    static Map<String, String> refunded(String outReturnNo, String outTradeNo, String amount, String currency) {
        Map<String, String> r = new LinkedHashMap<>();
        r.put("out_return_no", outReturnNo);
        r.put("out_trade_no", outTradeNo);
        r.put("trade_no", "2026112722001400000000000077");
        r.put("return_amount", amount);
        r.put("currency", currency);
        r.put("return_rmb_amount", "2.75");
        r.put("exchange_rate", "0.9150");
        r.put("gmt_refund", "2026-11-27 11:00:00");
        return r;
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String raw = uri.getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return params;
    }
}
