package io.qfgate.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A stand-in QFPay gateway on a random loopback port. It checks request signatures the way the
 * docs' Python sample computes them, written out again here (not via qfgate-protocol) so that a
 * bug there cannot hide itself, and answers whatever the test scripts.
 */
final class FakeGateway implements AutoCloseable {
    static final String APP_CODE = "D5589D2A1F2E42A9A60C37AB12CD34EF";
    static final String CLIENT_KEY = "0E32A59A8B454940A2FF39CD56EF7890";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What the client sent: headers by lower-case name, the form (or a GET's query) decoded, and our signature check. */
    record Received(String method, String path, Map<String, String> headers, String rawBody,
                    Map<String, String> params, boolean signatureValid) {
        String header(String name) {
            return headers.get(name.toLowerCase());
        }
    }

    record Reply(int status, byte[] body, Map<String, String> headers) {
        Reply(int status, String body, Map<String, String> headers) {
            this(status, body.getBytes(StandardCharsets.UTF_8), headers);
        }
    }

    private final HttpServer server;
    final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile Function<Received, Reply> handler = FakeGateway::success;

    FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** A client for this gateway's app whose waits (429, polling) go to {@code sleeper} instead of sleeping. */
    QfPayClient.Builder clientBuilder(QfPayClient.Sleeper sleeper) {
        return QfPayClient.builder()
                .baseUrl(baseUrl())
                .appCode(APP_CODE)
                .clientKey(CLIENT_KEY)
                .timeout(Duration.ofSeconds(5))
                .sleeper(sleeper);
    }

    void answer(Function<Received, Reply> handler) {
        this.handler = handler;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), v.getFirst()));
            String query = ex.getRequestURI().getRawQuery();
            Map<String, String> params = decodeForm(ex.getRequestMethod().equals("GET") && query != null ? query : raw);
            String signType = headers.getOrDefault("x-qf-signtype", "MD5");
            boolean valid = APP_CODE.equals(headers.get("x-qf-appcode"))
                    && pythonSampleSign(params, CLIENT_KEY, signType).equals(headers.get("x-qf-sign"));
            Received r = new Received(ex.getRequestMethod(), ex.getRequestURI().getPath(), headers, raw, params, valid);
            received.add(r);
            Reply reply = handler.apply(r);
            byte[] body = reply.body();
            ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
            reply.headers().forEach(ex.getResponseHeaders()::set);
            ex.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            ex.getResponseBody().write(body);
        }
    }

    // --- answers --------------------------------------------------------------------------

    /** A created order echoing the request, signed like the real gateway; or 1108 when the request sign is wrong. */
    static Reply success(Received r) {
        Map<String, String> p = r.params();
        Map<String, String> body = new LinkedHashMap<>();
        body.put("respcd", "0000");
        body.put("resperr", "success");
        body.put("respmsg", "");
        body.put("syssn", "20260101000300020087033882");
        body.put("out_trade_no", p.get("out_trade_no"));
        body.put("pay_type", p.get("pay_type"));
        body.put("txamt", p.get("txamt"));
        body.put("txcurrcd", p.get("txcurrcd"));
        body.put("txdtm", p.get("txdtm"));
        body.put("sysdtm", "2026-01-01 10:30:34");
        body.put("paydtm", "2026-01-01 10:30:34");
        body.put("udid", p.getOrDefault("udid", ""));
        body.put("cardcd", "");
        body.put("chnlsn", "");
        body.put("pay_url", "https://sandbox.example/gateway.do?service=create_forex_trade&out_trade_no=20260101000300020087033882");
        return ok(r, body);
    }

    /**
     * {@code body} as the gateway answers a well-signed request: JSON, signed with the request's
     * sign type. A request with a bad signature gets the gateway's unsigned 1108 instead.
     */
    static Reply ok(Received r, Map<String, ?> body) {
        if (!r.signatureValid()) {
            return unsigned(200, json(Map.of("respcd", "1108", "resperr", "signature error", "respmsg", "")));
        }
        return signed(200, json(body), r.header("X-QF-SIGNTYPE"));
    }

    /** A statement file as trade_bill answers it: zip bytes, signed over those bytes. */
    static Reply zip(Received r, byte[] bytes) {
        String type = r.header("X-QF-SIGNTYPE") == null ? "MD5" : r.header("X-QF-SIGNTYPE");
        return new Reply(200, bytes, Map.of("Content-Type", "application/zip",
                "X-QF-SIGN", bodySign(bytes, CLIENT_KEY, type), "X-QF-SIGNTYPE", type));
    }

    static Reply signed(int status, String body, String signType) {
        String type = signType == null ? "MD5" : signType;
        return new Reply(status, body, Map.of("X-QF-SIGN", bodySign(body, CLIENT_KEY, type), "X-QF-SIGNTYPE", type));
    }

    static Reply unsigned(int status, String body) {
        return new Reply(status, body, Map.of());
    }

    static Reply withHeaders(Reply reply, Map<String, String> extra) {
        Map<String, String> h = new LinkedHashMap<>(reply.headers());
        h.putAll(extra);
        return new Reply(reply.status(), reply.body(), h);
    }

    static String json(Map<String, ?> fields) {
        try {
            return JSON.writeValueAsString(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- the docs' signature, independently --------------------------------------------------

    /** QFPay's {@code make_req_sign} (docs/api.md, Signing): sorted keys, k=v joined by '&', + key, UTF-8, hex upper. */
    static String pythonSampleSign(Map<String, String> data, String key, String signType) {
        List<String> keys = new ArrayList<>(data.keySet());
        keys.sort(null);
        List<String> p = new ArrayList<>();
        for (String k : keys) {
            p.add(k + "=" + data.get(k));
        }
        byte[] unsigned = (String.join("&", p) + key).getBytes(StandardCharsets.UTF_8);
        return HexFormat.of().withUpperCase().formatHex(digest(signType, unsigned));
    }

    static String bodySign(String body, String key, String signType) {
        return bodySign(body.getBytes(StandardCharsets.UTF_8), key, signType);
    }

    static String bodySign(byte[] body, String key, String signType) {
        byte[] keyBytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] signed = Arrays.copyOf(body, body.length + keyBytes.length);
        System.arraycopy(keyBytes, 0, signed, body.length, keyBytes.length);
        return HexFormat.of().withUpperCase().formatHex(digest(signType, signed));
    }

    private static byte[] digest(String signType, byte[] bytes) {
        try {
            return MessageDigest.getInstance(signType.equalsIgnoreCase("SHA256") ? "SHA-256" : "MD5").digest(bytes);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> decodeForm(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            if (params.put(k, v) != null) {
                throw new IllegalStateException("parameter sent twice: " + k);
            }
        }
        return params;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
