package io.qfgate.server;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.protocol.FormEncoding;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.api.ClientIpLimits;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.ops.Gateway;
import io.qfgate.server.notify.Dispatcher;
import io.qfgate.server.notify.TargetPolicy;
import io.qfgate.server.ops.GatewayConfig;
import io.qfgate.server.store.Secrets;
import io.qfgate.server.store.SqlApps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/** A real gateway on a random port, and a merchant's raw HTTP calls to it. */
public final class TestGateway implements AutoCloseable {
    /** 2026-11-27 10:00:00 in Beijing time. */
    public static final Instant START = Instant.parse("2026-11-27T02:00:00Z");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    public final Gateway gateway;
    public final MutableClock clock = new MutableClock(START);
    public final Path dataDir;

    public TestGateway(String dbKind) {
        this(dbKind, UnaryOperator.identity());
    }

    /** A gateway whose configuration the test adjusts (another Alipay URL, a public URL, …). */
    public TestGateway(String dbKind, UnaryOperator<GatewayConfig> customize) {
        this(dbKind, null, customize);
    }

    /** A gateway on a database another gateway made: {@code masterKey} is that gateway's (null: a new one). */
    public TestGateway(String dbKind, Secrets masterKey, UnaryOperator<GatewayConfig> customize) {
        dataDir = TempDirs.create("qfgate-test");
        GatewayConfig config = GatewayConfig.defaults(dataDir)
                .withDb(TestDatabases.fresh(dbKind))
                .withPort(0)
                .withHost("127.0.0.1")
                .withClock(clock)
                // Merchant endpoints in tests listen on loopback at random ports.
                .withDelivery(Dispatcher.Settings.defaults(TargetPolicy.LOCAL))
                // Tests change apps and merchants and expect the very next call to see it.
                .withAppCacheTtl(java.time.Duration.ZERO)
                // One address and a clock that stands still: the per-address guard would stop a suite
                // after 200 calls; ClientIpLimitTest turns it on.
                .withIpLimits(ClientIpLimits.Settings.off());
        gateway = masterKey == null ? Gateway.start(customize.apply(config))
                : Gateway.start(customize.apply(config), masterKey);
        // The test clock stands still, so QFPay's per-second limit would stop a suite after 100
        // calls; RateLimitTest checks the limits on purpose.
        SqlApps apps = new SqlApps(gateway.database());
        for (var app : apps.allApps()) {
            apps.updateApp(app.id(), null, null, 1_000_000, 1_000_000, null);
        }
    }

    public DemoCredentials demo() {
        return gateway.demo();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + gateway.port() + path;
    }

    /** A signed POST as the docs' samples send it (MD5, upper-case hex). */
    public Answer post(String path, Map<String, String> params, String appCode, String clientKey) {
        return post(path, params, appCode, clientKey, SignType.MD5);
    }

    public Answer post(String path, Map<String, String> params, String appCode, String clientKey, SignType type) {
        return send(signedPost(path, params, appCode, clientKey, type));
    }

    /** A signed form POST, ready to send or to add headers to. */
    public HttpRequest.Builder signedPost(String path, Map<String, String> params, String appCode, String clientKey,
            SignType type) {
        return HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-QF-APPCODE", appCode)
                .header("X-QF-SIGN", QfSignature.signParams(params, clientKey, type))
                .header("X-QF-SIGNTYPE", type.name())
                .POST(HttpRequest.BodyPublishers.ofString(form(params)));
    }

    /** The transaction as stored. */
    public io.qfgate.server.domain.Transaction stored(String syssn) {
        return new io.qfgate.server.store.SqlTransactions(gateway.database()).bySyssn(syssn).orElseThrow();
    }

    /** The refund the gateway made itself for a payment that arrived after its order was closed or expired. */
    public io.qfgate.server.domain.Transaction lateRefundOf(String syssn) {
        return new io.qfgate.server.store.SqlTransactions(gateway.database()).byOutTradeNo(stored(syssn).merchantId(),
                io.qfgate.server.domain.Transaction.LATE_REFUND_PREFIX + syssn).orElseThrow();
    }

    public static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Answer(response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String form(Map<String, String> params) {
        return FormEncoding.encode(params);
    }

    /** A minimal request for an Alipay WEB payment (docs/api.md, POST /trade/v1/payment). */
    public static Map<String, String> payment(String outTradeNo) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("txamt", "300");
        p.put("txcurrcd", "HKD");
        p.put("pay_type", "801101");
        p.put("out_trade_no", outTradeNo);
        p.put("txdtm", "2026-11-27 10:00:00");
        return p;
    }

    @Override
    public void close() {
        try {
            gateway.close();
        } finally {
            TempDirs.delete(dataDir);
        }
    }

    /** An HTTP answer with its JSON fields. */
    public record Answer(HttpResponse<byte[]> response) {
        public int status() {
            return response.statusCode();
        }

        public byte[] body() {
            return response.body();
        }

        public String header(String name) {
            return response.headers().firstValue(name).orElse(null);
        }

        public Map<String, Object> json() {
            try {
                return JSON.readValue(response.body(), new TypeReference<>() {});
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
            }
        }

        public String field(String name) {
            Object value = json().get(name);
            return value == null ? null : value.toString();
        }
    }
}
