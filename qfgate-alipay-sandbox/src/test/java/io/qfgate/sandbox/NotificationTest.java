package io.qfgate.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import io.qfgate.protocol.alipay.MapiSignature;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The asynchronous notification to notify_url, its retries, and notify_verify. */
class NotificationTest extends SandboxFixture {
    /** What the merchant received: the decoded form and the sandbox clock at that moment. */
    record Received(Map<String, String> form, Instant at, String contentType) {}

    private final List<Received> received = new CopyOnWriteArrayList<>();
    private HttpServer merchant;

    /** A merchant endpoint answering the n-th notification (from 1) with {@code answers(n)}. */
    private String merchant(IntFunction<String> answers) throws IOException {
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        merchant.createContext("/alipay/notify", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(decode(body), clock.instant(),
                    exchange.getRequestHeaders().getFirst("Content-Type")));
            byte[] answer = answers.apply(received.size()).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        merchant.start();
        return "http://127.0.0.1:" + merchant.getAddress().getPort() + "/alipay/notify";
    }

    @AfterEach
    void stopMerchant() {
        if (merchant != null) {
            merchant.stop(0);
        }
    }

    @Test
    void paymentIsNotifiedSignedAndRetriedOnAlipaysScheduleUntilSuccess() throws IOException {
        String url = merchant(n -> n == 1 ? "fail" : "success");
        Map<String, String> params = order("notify_url", url);
        pay(walletUrlOf(params), "buyer-rich");
        Instant paidAt = clock.instant();
        assertThat(received).as("work happens on ticks").isEmpty();

        sandbox.tick();

        assertThat(received).hasSize(1);
        Map<String, String> n = received.getFirst().form();
        assertThat(received.getFirst().contentType()).startsWith("application/x-www-form-urlencoded");
        assertThat(n).containsEntry("notify_type", "trade_status_sync")
                .containsEntry("out_trade_no", params.get("out_trade_no"))
                .containsEntry("trade_status", "TRADE_FINISHED")
                .containsEntry("total_fee", "3.00").containsEntry("currency", "HKD")
                .containsEntry("buyer_id", "2088000000000001")
                .containsEntry("exchange_rate", "0.9150").containsEntry("trans_amount_cny", "2.75")
                .containsEntry("notify_time", "2026-03-01 12:00:00")
                .containsEntry("gmt_payment", "2026-03-01 12:00:00")
                .containsEntry("sign_type", "MD5")
                .containsKeys("notify_id", "gmt_create", "subject");
        assertThat(n.get("trade_no")).matches("20260301\\d{20}");
        assertThat(MapiSignature.verifyMd5(n, KEY, n.get("sign"))).isTrue();

        clock.advance(Duration.ofSeconds(119));
        sandbox.tick();
        assertThat(received).as("not before 2 minutes").hasSize(1);

        clock.advance(Duration.ofSeconds(1));
        sandbox.tick();
        assertThat(received).hasSize(2);
        Map<String, String> retry = received.get(1).form();
        assertThat(retry.get("notify_id")).isEqualTo(n.get("notify_id"));
        assertThat(retry).containsEntry("notify_time", "2026-03-01 12:02:00");
        assertThat(MapiSignature.verifyMd5(retry, KEY, retry.get("sign"))).isTrue();
        assertThat(received.get(1).at()).isEqualTo(paidAt.plus(Duration.ofMinutes(2)));

        clock.advance(Duration.ofDays(2));
        sandbox.tick();
        assertThat(received).as("delivered: no more attempts").hasSize(2);
    }

    @Test
    void anUnansweredNotificationIsSentEightTimesThenGivenUp() throws IOException {
        String url = merchant(n -> "");
        pay(walletUrlOf(order("notify_url", url)), "buyer-rich");
        Instant paidAt = clock.instant();

        for (int minute = 0; minute <= 26 * 60; minute++) {
            sandbox.tick();
            clock.advance(Duration.ofMinutes(1));
        }

        assertThat(received).hasSize(8);
        List<Long> minutesAfterPayment = received.stream()
                .map(r -> Duration.between(paidAt, r.at()).toMinutes()).toList();
        // 2m, 10m, 10m, 1h, 2h, 6h, 15h between attempts
        assertThat(minutesAfterPayment).containsExactly(0L, 2L, 12L, 22L, 82L, 202L, 562L, 1462L);
    }

    @Test
    void unreachableNotifyUrlIsRetriedToo() throws IOException {
        String url = merchant(n -> "success");
        int port = merchant.getAddress().getPort();
        merchant.stop(0);
        pay(walletUrlOf(order("notify_url", url)), "buyer-rich");

        sandbox.tick();
        merchant = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        merchant.createContext("/alipay/notify", exchange -> {
            received.add(new Received(decode(new String(exchange.getRequestBody().readAllBytes(),
                    StandardCharsets.UTF_8)), clock.instant(), null));
            exchange.sendResponseHeaders(200, 7);
            exchange.getResponseBody().write("success".getBytes(StandardCharsets.UTF_8));
            exchange.close();
        });
        merchant.start();
        clock.advance(Duration.ofMinutes(2));
        sandbox.tick();

        assertThat(received).hasSize(1);
    }

    @Test
    void notifyVerifyConfirmsOnlyNotificationsReallySentToThatPartner() throws IOException {
        String url = merchant(n -> "success");
        pay(walletUrlOf(order("notify_url", url)), "buyer-rich");
        sandbox.tick();
        String notifyId = received.getFirst().form().get("notify_id");

        assertThat(get(gateway() + "?service=notify_verify&partner=" + PARTNER + "&notify_id=" + notifyId).body())
                .isEqualTo("true");
        assertThat(post(gateway(), Map.of("service", "notify_verify", "partner", PARTNER, "notify_id", notifyId)).body())
                .isEqualTo("true");
        assertThat(get(gateway() + "?service=notify_verify&partner=" + RSA_PARTNER + "&notify_id=" + notifyId).body())
                .isEqualTo("false");
        assertThat(get(gateway() + "?service=notify_verify&partner=" + PARTNER + "&notify_id=forged").body())
                .isEqualTo("false");
    }

    @Test
    void inRealUseTheBackgroundTickerNotifiesRightAfterPayment() throws IOException {
        String url = merchant(n -> "success");
        sandbox.startBackgroundTicks();

        pay(walletUrlOf(order("notify_url", url)), "buyer-rich");

        // Real time passes here, but the clock stands still: delivery needs no retry, only the ticker.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(received).hasSize(1));
        assertThat(received.getFirst().form()).containsEntry("trade_status", "TRADE_FINISHED");
    }

    @Test
    void noNotificationWithoutNotifyUrl() throws IOException {
        merchant(n -> "success");
        pay(walletUrlOf(order("notify_url", null)), "buyer-rich");
        sandbox.tick();

        assertThat(received).isEmpty();
    }

    private static Map<String, String> decode(String form) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : form.split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
