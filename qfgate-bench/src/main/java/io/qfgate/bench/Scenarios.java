package io.qfgate.bench;

import io.qfgate.client.PaymentRequest;
import io.qfgate.client.PaymentResponse;
import io.qfgate.client.QfPayClient;
import io.qfgate.client.QueryRequest;
import io.qfgate.client.QueryResponse;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the clients do, one operation each. Every call goes over loopback to the gateway's public
 * API, signed by the SDK ({@link QfPayClient}), which also verifies every answer's signature.
 */
final class Scenarios {
    /** The wallet link on the sandbox's cashier page (as the server's own tests find it). */
    private static final Pattern WALLET = Pattern.compile("(/[\\w/-]*wallet/[0-9a-f]+)");
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** How long a journey waits for its notification after paying. */
    static final Duration NOTIFICATION_TIMEOUT = Duration.ofSeconds(30);
    private static final ZoneOffset BEIJING = ZoneOffset.ofHours(8);

    private final HttpClient http;
    private final QfPayClient sdk;
    private final String baseUrl;
    private final String runId;
    private final AtomicLong orders = new AtomicLong();

    Scenarios(HttpClient http, String baseUrl, String appCode, String clientKey) {
        this.http = http;
        this.baseUrl = baseUrl;
        this.sdk = QfPayClient.builder()
                .baseUrl(URI.create(baseUrl))
                .appCode(appCode)
                .clientKey(clientKey)
                .httpClient(http)
                .timeout(TIMEOUT)
                .maxRetries(0) // a 429 is an error here, not something to wait out
                .build();
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

    /** The seed's request shape: HK$3.00, Alipay online web, a unique out_trade_no, now. */
    static PaymentRequest payment(String outTradeNo, LocalDateTime txdtm, String notifyUrl) {
        PaymentRequest.Builder b = PaymentRequest.builder()
                .txamt(300)
                .txcurrcd(Currency.HKD)
                .payType(PayType.ALIPAY_ONLINE_WEB)
                .outTradeNo(outTradeNo)
                .txdtm(txdtm);
        if (notifyUrl != null) {
            b.notifyUrl(notifyUrl);
        }
        return b.build();
    }

    static LocalDateTime now() {
        return LocalDateTime.now(BEIJING).truncatedTo(ChronoUnit.SECONDS);
    }

    PaymentResponse create(String outTradeNo, String notifyUrl) {
        PaymentResponse r = sdk.payment(payment(outTradeNo, now(), notifyUrl));
        requireCreated(r);
        return r;
    }

    private static void requireCreated(PaymentResponse r) {
        if (!r.isSuccess() || r.payUrl() == null || r.syssn() == null) {
            throw new IllegalStateException("payment refused: respcd " + r.respcd() + " " + r.resperr());
        }
    }

    /** {@code GET /ping}: the cheapest answer of the same server, HTTP alone. */
    Load.Op ping() {
        URI uri = URI.create(baseUrl + "/ping");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
        return client -> {
            long t0 = System.nanoTime();
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            long t = System.nanoTime() - t0;
            if (r.statusCode() != 200) {
                throw new IllegalStateException("/ping answered HTTP " + r.statusCode());
            }
            return t;
        };
    }

    /** A new order per call: unique out_trade_no. */
    Load.Op create() {
        return client -> {
            String outTradeNo = newOutTradeNo();
            long t0 = System.nanoTime();
            create(outTradeNo, null);
            return System.nanoTime() - t0;
        };
    }

    /** The same order again and again: the idempotent path must answer the first syssn every time. */
    Load.Op replay() {
        String outTradeNo = newOutTradeNo() + "-replay";
        PaymentRequest request = payment(outTradeNo, now(), null);
        PaymentResponse first = sdk.payment(request);
        requireCreated(first);
        return client -> {
            long t0 = System.nanoTime();
            PaymentResponse r = sdk.payment(request);
            long t = System.nanoTime() - t0;
            requireCreated(r);
            if (!first.syssn().equals(r.syssn())) {
                throw new IllegalStateException("replay answered syssn " + r.syssn() + ", first was " + first.syssn());
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
            String outTradeNo = newOutTradeNo();
            CompletableFuture<Long> notified = merchant.expect(outTradeNo);
            try {
                long t0 = System.nanoTime();
                PaymentResponse order = create(outTradeNo, merchant.url());
                String wallet = openCashier(order.payUrl());
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
            QueryResponse r = sdk.query(QueryRequest.builder().syssn(syssn).build());
            long t = System.nanoTime() - t0;
            if (!r.isSuccess() || r.data().size() != 1 || !syssn.equals(r.data().get(0).syssn())) {
                throw new IllegalStateException("query of " + syssn + ": respcd " + r.respcd() + ", " + r.data().size()
                        + " rows");
            }
            return t;
        };
    }

    /** Page 1 (100 rows) of a random hour of the seeded month. */
    Load.Op queryByRange(Seeder seeded) {
        long hours = Duration.between(seeded.monthStart, seeded.monthEnd).toHours();
        return client -> {
            LocalDateTime from = seeded.monthStart.plusHours(ThreadLocalRandom.current().nextLong(hours));
            long t0 = System.nanoTime();
            QueryResponse r = sdk.query(QueryRequest.builder()
                    .startTime(from).endTime(from.plusMinutes(59).plusSeconds(59))
                    .page(1).pageSize(100)
                    .build());
            long t = System.nanoTime() - t0;
            if (!r.isSuccess() || r.data().isEmpty()) {
                throw new IllegalStateException("query from " + from + ": respcd " + r.respcd() + " " + r.resperr()
                        + ", " + r.data().size() + " rows");
            }
            return t;
        };
    }
}
