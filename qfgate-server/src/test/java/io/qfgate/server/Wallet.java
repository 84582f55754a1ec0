package io.qfgate.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The shopper's side of the sandbox over plain HTTP: open the pay URL, follow it to the wallet, pay. */
public final class Wallet {
    private static final Pattern WALLET = Pattern.compile("(/[\\w/-]*wallet/[0-9a-f]+)");

    private Wallet() {}

    /** Opens the pay URL as a browser would (Alipay now knows the order) and returns the wallet URL it leads to. */
    public static String open(String payUrl) {
        var page = TestGateway.send(HttpRequest.newBuilder(URI.create(payUrl)).GET());
        assertThat(page.status()).as("cashier page").isEqualTo(200);
        Matcher m = WALLET.matcher(new String(page.body()));
        assertThat(m.find()).as("the cashier page links to the wallet").isTrue();
        URI base = URI.create(payUrl);
        return base.getScheme() + "://" + base.getAuthority() + m.group(1);
    }

    /** The buyer presses Pay; the HTTP status of the wallet's answer (303 when paid). */
    public static int pay(String walletUrl, String buyer) {
        return TestGateway.send(HttpRequest.newBuilder(URI.create(walletUrl + "/pay"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("buyer=" + buyer + "&lang=en"))).status();
    }
}
