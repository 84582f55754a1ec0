package io.qfgate.server.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.qfgate.protocol.QfSignature;
import io.qfgate.protocol.SignType;
import io.qfgate.server.web.checkstand.CheckoutLinks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * What the hosted checkout's journeys share: links the merchant's site makes as QFPay's checkout
 * sample does, the merchant's notification endpoint, and the steps on the checkout page.
 */
abstract class CheckstandJourney extends BrowserJourney {
    /** One notification as it reached the merchant: its body and its {@code X-QF-SIGN}. */
    record Notification(String body, String sign) {}

    final List<Notification> notifications = new CopyOnWriteArrayList<>();
    private HttpServer notifyEndpoint;

    String notifyUrl() {
        if (notifyEndpoint == null) {
            try {
                notifyEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            notifyEndpoint.createContext("/notify", exchange -> {
                try (exchange) {
                    notifications.add(new Notification(new String(exchange.getRequestBody().readAllBytes(),
                            StandardCharsets.UTF_8), exchange.getRequestHeaders().getFirst("X-QF-SIGN")));
                    byte[] ok = "SUCCESS".getBytes(StandardCharsets.UTF_8);
                    exchange.sendResponseHeaders(200, ok.length);
                    exchange.getResponseBody().write(ok);
                }
            });
            notifyEndpoint.start();
        }
        return "http://127.0.0.1:" + notifyEndpoint.getAddress().getPort() + "/notify";
    }

    @AfterAll
    void stopNotifyEndpoint() {
        if (notifyEndpoint != null) {
            notifyEndpoint.stop(0);
        }
    }

    /** The merchant's order as the docs' sample object, with this shop's pages. */
    Map<String, String> order(String outTradeNo) {
        Map<String, String> obj = CheckoutLinks.order(merchant.app_code(), outTradeNo, shop.baseUrl(), "sha256");
        obj.put("return_url", shop.thanksUrl(outTradeNo));
        obj.put("notify_url", notifyUrl());
        obj.put("cancel_url", shop.baseUrl() + "/cart");
        return obj;
    }

    /** The link as the docs' sample makes it, with the parameters in the fragment. */
    String link(Map<String, String> obj) {
        return CheckoutLinks.link(gw.url("/checkstand/#/?"), obj, merchant.client_key(), SignType.SHA256);
    }

    String link(String outTradeNo, Consumer<Map<String, String>> change) {
        Map<String, String> obj = order(outTradeNo);
        change.accept(obj);
        return link(obj);
    }

    /** Opens the link and waits for the page that shows the order. */
    void openCheckout(String link) {
        driver.get(link);
        waitForHeading("Checkout");
        assertThat(driver.getCurrentUrl()).as("the script moved the fragment's parameters to the query")
                .startsWith(gw.url("/checkstand/?"));
    }

    /** The wallet buttons as the shopper reads them, e.g. {@code Alipay}. */
    List<String> walletNames() {
        return driver.findElements(By.cssSelector(".cs-wallet-name")).stream().map(WebElement::getText).toList();
    }

    void choose(String wallet) {
        driver.findElements(By.cssSelector("button.cs-wallet")).stream()
                .filter(b -> b.findElement(By.className("cs-wallet-name")).getText().equals(wallet))
                .findFirst().orElseThrow(() -> new AssertionError("no wallet " + wallet)).click();
    }

    int ordersUnder(String outTradeNo) {
        return gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM transactions WHERE out_trade_no = :o").bind("o", outTradeNo)
                .mapTo(Integer.class).one());
    }

    String syssnOf(String outTradeNo) {
        return gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT syssn FROM transactions WHERE out_trade_no = :o").bind("o", outTradeNo)
                .mapTo(String.class).one());
    }

    /** The merchant's notify_url got the paid order's notification, signed with the app's key. */
    void assertMerchantNotified(String outTradeNo, String payType) {
        Notification n = await("notification of " + outTradeNo).atMost(PATIENCE).pollInterval(Duration.ofMillis(100))
                .until(() -> notifications.stream().filter(x -> x.body().contains(outTradeNo))
                        .findFirst().orElse(null), x -> x != null);
        Map<String, Object> body;
        try {
            body = new ObjectMapper().readValue(n.body(), new TypeReference<>() {});
        } catch (IOException e) {
            throw new AssertionError("the notification is not JSON: " + n.body(), e);
        }
        assertThat(body).containsEntry("out_trade_no", outTradeNo).containsEntry("pay_type", payType)
                .containsEntry("txamt", "300").containsEntry("respcd", "0000");
        assertThat(QfSignature.verifyBody(n.body().getBytes(StandardCharsets.UTF_8), merchant.client_key(),
                SignType.MD5, n.sign())).as("the notification's X-QF-SIGN").isTrue();
    }

    /** The page fits the window: nothing to scroll sideways. */
    void assertNoSidewaysScrolling(int width) {
        Number scrollWidth = (Number) driver.executeScript("return document.documentElement.scrollWidth");
        assertThat(scrollWidth.intValue()).as("page width in a " + width + " px window, " + driver.getCurrentUrl())
                .isLessThanOrEqualTo(width);
    }
}
