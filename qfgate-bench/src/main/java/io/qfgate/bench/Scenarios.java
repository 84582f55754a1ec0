package io.qfgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.QfTime;
import io.qfgate.protocol.SignType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the clients do, one operation each, over loopback to the gateway's public API. The measured
 * calls (ping, create, replay, query) go over each client's own {@link Http1} connection, signed
 * and with every answer's signature verified by the protocol module's {@link QfSignature}. The
 * journey plays the shopper's browser with the JDK {@code HttpClient}.
 */
final class Scenarios implements AutoCloseable {
    /** The wallet link on the sandbox's cashier page (as the server's own tests find it). */
    private static final Pattern WALLET = Pattern.compile("(/[\\w/-]*wallet/[0-9a-f]+)");
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a journey waits for its notification after paying. */
    static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAYMENT = "/trade/v1/payment";
    private static final String QUERY = "/trade/v1/query";

    private final HttpClient http;
    private final String baseUrl;
    private final String appCode;
    private final String clientKey;
    /** One connection per client, never shared: client {@code c} is one thread at a time. */
    private final Http1[] connections;
    private final String runId;
    private final AtomicLong orders = new AtomicLong();

    Scenarios(HttpClient http, String baseUrl, String appCode, String clientKey, int concurrency) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.appCode = appCode;
        this.clientKey = clientKey;
        URI base = URI.create(baseUrl);
        this.connections = new Http1[concurrency];
        for (int c = 0; c < concurrency; c++) {
            connections[c] = new Http1(base.getHost(), base.getPort());
        }
        this.runId = "bench-" + Long.toString(System.currentTimeMillis(), 36);
    }

    /** One shared JDK client, HTTP/1.1 (what QFPay merchants use), keeping its connections. */
    static HttpClient httpClient() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    String newOutTradeNo() {
        return runId + "-" + orders.incrementAndGet();
    }

    static LocalDateTime now() {
        return QfTime.now(Clock.systemUTC(), BEIJING);
    }

    /** The pay_url of one new order: the seeded query rows carry a real one, as long as the gateway's. */
    String newPayUrl() throws IOException {
        return requireCreated(call(0, PAYMENT, paymentParams(newOutTradeNo(), now()))).get("pay_url").asText();
    }

    /** {@code GET /ping}: the cheapest answer of the same server, HTTP alone. */
    Load.Op ping() {
        return client -> {
            long t0 = System.nanoTime();
            Http1.Response r = connections[client].get("/ping");
            long t = System.nanoTime() - t0;
            if (r.status() != 200) {
                throw new IllegalStateException("/ping answered HTTP " + r.status());
            }
            return t;
        };
    }

    /** Signs and POSTs one call on the client's connection; the answer must be 200 and carry a valid X-QF-SIGN. */
    private JsonNode call(int client, String path, Map<String, String> params) throws IOException {
        byte[] body = FormEncoding.encode(params).getBytes(StandardCharsets.UTF_8);
        String headers = "Content-Type: application/x-www-form-urlencoded; charset=UTF-8\r\n"
                + "X-QF-APPCODE: " + appCode + "\r\n"
                + "X-QF-SIGN: " + QfSignature.signParams(params, clientKey, SignType.MD5) + "\r\n"
                + "X-QF-SIGNTYPE: MD5\r\n";
        Http1.Response r = connections[client].post(path, headers, body);
        if (r.status() != 200) {
            throw new IllegalStateException(path + " answered HTTP " + r.status());
        }
        if (r.qfSign() == null || !QfSignature.verifyBody(r.body(), clientKey, SignType.MD5, r.qfSign())) {
            throw new IllegalStateException(path + ": the answer's X-QF-SIGN does not verify");
        }
        return JSON.readTree(r.body());
    }

    /** A minimal payment (docs/api.md, POST /trade/v1/payment): HK$3.00, Alipay online web, a unique out_trade_no, now. */
    static Map<String, String> paymentParams(String outTradeNo, LocalDateTime txdtm) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txamt", "300");
        p.put("txcurrcd", Currency.HKD.name());
        p.put("pay_type", PayType.ALIPAY_ONLINE_WEB.code());
        p.put("out_trade_no", outTradeNo);
        p.put("txdtm", QfTime.format(txdtm));
        return p;
    }

    private static JsonNode requireCreated(JsonNode r) {
        if (!"0000".equals(r.path("respcd").asText()) || r.path("pay_url").asText("").isEmpty()
                || r.path("syssn").asText("").isEmpty()) {
            throw new IllegalStateException("payment refused: respcd " + r.path("respcd").asText() + " "
                    + r.path("resperr").asText());
        }
        return r;
    }

    @Override
    public void close() {
        for (Http1 c : connections) {
            c.close();
        }
    }

    /** A new order per call: unique out_trade_no. */
    Load.Op create() {
        return client -> {
            Map<String, String> params = paymentParams(newOutTradeNo(), now());
            long t0 = System.nanoTime();
            JsonNode r = call(client, PAYMENT, params);
            long t = System.nanoTime() - t0;
            requireCreated(r);
            return t;
        };
    }

    /** The same order again and again: the idempotent path must answer the first syssn every time. */
    Load.Op replay() throws IOException {
        Map<String, String> params = paymentParams(newOutTradeNo() + "-replay", now());
        String first = requireCreated(call(0, PAYMENT, params)).get("syssn").asText();
        return client -> {
            long t0 = System.nanoTime();
            JsonNode r = call(client, PAYMENT, params);
            long t = System.nanoTime() - t0;
            String syssn = requireCreated(r).get("syssn").asText();
            if (!first.equals(syssn)) {
                throw new IllegalStateException("replay answered syssn " + syssn + ", first was " + first);
            }
            return t;
        };
    }

    /**
     * A whole payment: create with the merchant endpoint as notify_url → the shopper opens the
     * pay_url (the sandbox cashier) → the wallet pays as buyer-rich → the sandbox tells the
     * gateway, which records the success → the gateway's dispatcher notifies the merchant. The
     * latency is from sending the create to the merchant receiving the verified notification.
     */
    Load.Op journey(MerchantEndpoint merchant) {
        return client -> {
            Map<String, String> params = paymentParams(newOutTradeNo(), now());
            params.put("notify_url", merchant.url());
            String outTradeNo = params.get("out_trade_no");
            CompletableFuture<Long> notified = merchant.expect(outTradeNo);
            try {
                long t0 = System.nanoTime();
                JsonNode order = requireCreated(call(client, PAYMENT, params));
                String wallet = openCashier(order.get("pay_url").asText());
                int paid = pay(wallet);
                if (paid != 303) {
                    throw new IllegalStateException("the wallet answered HTTP " + paid + " to pay, not 303");
                }
                long arrived;
                try {
                    arrived = notified.get(NOTIFICATION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    throw new IllegalStateException("no notification for " + outTradeNo + " within " + NOTIFICATION_TIMEOUT);
                }
                return arrived - t0;
            } finally {
                merchant.forget(outTradeNo);
            }
        };
    }

    /** The shopper's browser opens the pay URL; the cashier page links to the wallet ("the scan"). */
    private String openCashier(String payUrl) throws IOException, InterruptedException {
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(payUrl)).timeout(TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (page.statusCode() != 200) {
            throw new IllegalStateException("cashier page answered HTTP " + page.statusCode());
        }
        Matcher m = WALLET.matcher(page.body());
        if (!m.find()) {
            throw new IllegalStateException("the cashier page has no wallet link");
        }
        URI base = URI.create(payUrl);
        return base.getScheme() + "://" + base.getRawAuthority() + m.group(1);
    }

    private int pay(String walletUrl) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(walletUrl + "/pay"))
                        .timeout(TIMEOUT)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("buyer=buyer-rich&lang=en"))
                        .build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** One seeded transaction by its syssn (the time range is then ignored by the gateway). */
    Load.Op queryBySyssn(Seeder seeded) {
        return client -> {
            String syssn = seeded.syssn(ThreadLocalRandom.current().nextLong(1, seeded.rows + 1));
            long t0 = System.nanoTime();
            JsonNode r = call(client, QUERY, Map.of("syssn", syssn));
            long t = System.nanoTime() - t0;
            JsonNode data = r.path("data");
            if (!"0000".equals(r.path("respcd").asText()) || data.size() != 1
                    || !syssn.equals(data.get(0).path("syssn").asText())) {
                throw new IllegalStateException("query of " + syssn + ": respcd " + r.path("respcd").asText() + ", "
                        + data.size() + " rows");
            }
            return t;
        };
    }

    /** Page 1 (100 rows) of a random hour of the seeded month. */
    Load.Op queryByRange(Seeder seeded) {
        long hours = Duration.between(seeded.monthStart, seeded.monthEnd).toHours();
        return client -> {
            LocalDateTime from = seeded.monthStart.plusHours(ThreadLocalRandom.current().nextLong(hours));
            Map<String, String> params = new LinkedHashMap<>();
            params.put("start_time", QfTime.format(from));
            params.put("end_time", QfTime.format(from.plusMinutes(59).plusSeconds(59)));
            params.put("page", "1");
            params.put("page_size", "100");
            long t0 = System.nanoTime();
            JsonNode r = call(client, QUERY, params);
            long t = System.nanoTime() - t0;
            if (!"0000".equals(r.path("respcd").asText()) || r.path("data").isEmpty()) {
                throw new IllegalStateException("query from " + from + ": respcd " + r.path("respcd").asText() + " "
                        + r.path("resperr").asText() + ", " + r.path("data").size() + " rows");
            }
            return t;
        };
    }
}
