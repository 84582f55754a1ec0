package io.qfgate.server.channel.alipay;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.Javalin;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.alipay.MapiSignature;
import io.qfgate.sandbox.AlipaySandbox;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.ChannelStatus;
import io.qfgate.server.domain.PaymentService.PaidOutcome;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.ops.Gateway;
import io.qfgate.server.store.SqlSandboxPartner;
import io.qfgate.server.store.SqlTransactions;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * An Alipay payment end to end over HTTP, without a browser: the merchant creates the order, the
 * shopper pays in the sandbox's wallet, Alipay's notification (or, failing that, the gateway's own
 * query) makes the payment successful once; forged and mismatched reports change nothing.
 */
class AlipayJourneyTest {
    TestGateway gw;
    Javalin standaloneSandbox;
    java.nio.file.Path standaloneData;
    /** The demo merchant, when it was made by an earlier start on the same database. */
    io.qfgate.server.ops.DemoCredentials.Merchant earlierDemo;

    io.qfgate.server.ops.DemoCredentials.Merchant merchant() {
        return earlierDemo != null ? earlierDemo : gw.demo().merchant();
    }

    @AfterEach
    void stop() {
        if (gw != null) {
            gw.close();
        }
        if (standaloneSandbox != null) {
            standaloneSandbox.stop();
        }
        if (standaloneData != null) {
            io.qfgate.server.TempDirs.delete(standaloneData);
        }
    }

    String createPayment(String outTradeNo, Map<String, String> extra) {
        Map<String, String> p = payment(outTradeNo);
        p.putAll(extra);
        var answer = gw.post("/trade/v1/payment", p, merchant().app_code(), merchant().client_key());
        assertThat(answer.field("respcd")).as(answer.field("resperr")).isEqualTo("0000");
        return answer.field("syssn");
    }

    Transaction stored(String syssn) {
        return new SqlTransactions(gw.gateway.database()).bySyssn(syssn).orElseThrow();
    }

    String payUrlOf(String syssn) {
        return stored(syssn).payUrl();
    }

    @Test
    void aPaymentInTheWalletBecomesASuccessfulTransaction() {
        gw = new TestGateway(TestDatabases.H2);
        String syssn = createPayment("journey-1", Map.of());
        long before = gw.gateway.sandbox().balanceFen("buyer-rich");

        assertThat(Wallet.pay(Wallet.open(payUrlOf(syssn)), "buyer-rich")).isEqualTo(303);

        await().atMost(Duration.ofSeconds(20)).until(() -> stored(syssn).respcd().code().equals("0000"));
        Receipt receipt = stored(syssn).receipt();
        assertThat(receipt.cardcd()).isEqualTo("2088000000000001");
        assertThat(receipt.chnlsn()).matches("\\d{28}");
        assertThat(receipt.exchangeRate()).isEqualTo("0.9150");
        assertThat(receipt.cashFeeType()).isEqualTo(Currency.CNY);
        assertThat(receipt.cashFee()).isEqualTo(275L); // HKD 3.00 × 0.9150 = CNY 2.745, half up
        assertThat(receipt.paydtm()).isEqualTo(LocalDateTime.of(2026, 11, 27, 10, 0));
        assertThat(before - gw.gateway.sandbox().balanceFen("buyer-rich")).isEqualTo(275L);
    }

    @Test
    void forgedAndUnconfirmedNotificationsChangeNothing() {
        gw = new TestGateway(TestDatabases.H2);
        String syssn = createPayment("forged-1", Map.of());
        String partnerKey = new SqlSandboxPartner(gw.gateway.database()).load().orElseThrow().md5Key();
        Map<String, String> notice = new LinkedHashMap<>();
        notice.put("notify_type", "trade_status_sync");
        notice.put("notify_id", "f".repeat(40));
        notice.put("notify_time", "2026-11-27 10:01:00");
        notice.put("trade_no", "2026112722001400000000000001");
        notice.put("out_trade_no", syssn);
        notice.put("trade_status", "TRADE_FINISHED");
        notice.put("total_fee", "3.00");
        notice.put("currency", "HKD");
        notice.put("buyer_id", "2088999999999999");

        Map<String, String> badlySigned = new LinkedHashMap<>(notice);
        badlySigned.put("sign", "0".repeat(32));
        badlySigned.put("sign_type", "MD5");
        assertThat(notify(badlySigned)).isEqualTo("fail");

        // Signed with the real key (a leaked key, say) but never sent by Alipay: notify_verify says no.
        Map<String, String> neverSent = new LinkedHashMap<>(notice);
        neverSent.put("sign", MapiSignature.md5(notice, partnerKey));
        neverSent.put("sign_type", "MD5");
        assertThat(notify(neverSent)).isEqualTo("fail");

        assertThat(stored(syssn).respcd().code()).isEqualTo("1143");
    }

    @Test
    void aReportWithAnotherAmountOrCurrencyIsRefusedAndASuccessHappensOnce() {
        gw = new TestGateway(TestDatabases.H2);
        String syssn = createPayment("mismatch-1", Map.of());
        Receipt receipt = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 1), "2026112722001400000000000002",
                "2088000000000001", "0.9150", 275L, Currency.CNY);

        assertThat(gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(1, Currency.HKD, receipt)))
                .isEqualTo(PaidOutcome.MISMATCH);
        assertThat(gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.USD, receipt)))
                .isEqualTo(PaidOutcome.MISMATCH);
        assertThat(stored(syssn).respcd().code()).isEqualTo("1143");

        assertThat(gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, receipt)))
                .isEqualTo(PaidOutcome.RECORDED);
        Receipt other = new Receipt(LocalDateTime.of(2026, 11, 27, 10, 2), "2026112722001400000000000003",
                "2088000000000002", "0.9150", 275L, Currency.CNY);
        assertThat(gw.gateway.payments().recordPaid(syssn, new ChannelStatus.Paid(300, Currency.HKD, other)))
                .isEqualTo(PaidOutcome.ALREADY_RECORDED);
        assertThat(stored(syssn).receipt().chnlsn()).isEqualTo("2026112722001400000000000002");
        assertThat(gw.gateway.payments().recordPaid("20261127999999999999999999",
                new ChannelStatus.Paid(300, Currency.HKD, receipt))).isEqualTo(PaidOutcome.UNKNOWN_ORDER);
    }

    @Test
    void anOrderNobodyPaidExpiresInTheGatewayAndAtAlipay() {
        gw = new TestGateway(TestDatabases.H2);
        String syssn = createPayment("expire-1", Map.of("expired_time", "5"));
        String wallet = Wallet.open(payUrlOf(syssn)); // the shopper opened it, so Alipay knows the trade

        gw.clock.advance(Duration.ofMinutes(4));
        assertThat(gw.gateway.payments().expireDue(100)).isZero();
        assertThat(stored(syssn).respcd().code()).isEqualTo("1143");

        gw.clock.advance(Duration.ofMinutes(2));
        assertThat(gw.gateway.payments().expireDue(100)).isEqualTo(1);
        assertThat(stored(syssn).respcd().code()).isEqualTo("1181");
        assertThat(Wallet.pay(wallet, "buyer-rich")).as("Alipay no longer takes the payment").isNotEqualTo(303);
        assertThat(stored(syssn).respcd().code()).isEqualTo("1181");
    }

    @Test
    void anOrderTheShopperNeverOpenedExpiresToo() {
        gw = new TestGateway(TestDatabases.H2);
        String syssn = createPayment("expire-2", Map.of("expired_time", "5"));

        gw.clock.advance(Duration.ofMinutes(6));

        assertThat(gw.gateway.payments().expireDue(100)).isEqualTo(1);
        assertThat(stored(syssn).respcd().code()).isEqualTo("1181");
    }

    /**
     * Two processes' worth: the sandbox alone on its own port, the gateway pointed at it by URL,
     * and Alipay's notifications lost (the gateway's public URL leads nowhere). The gateway learns
     * of the payment by asking single_trade_query before it would expire the order.
     */
    @Test
    void overHttpToASeparateSandboxALostNotificationIsRecoveredByQuery() throws Exception {
        var clock = new io.qfgate.server.MutableClock(TestGateway.START);
        var data = standaloneData = io.qfgate.server.TempDirs.create("qfgate-sbx");
        String db = TestDatabases.fresh(TestDatabases.H2);
        // The gateway's partner account exists once the gateway has started once on this database.
        try (var first = Gateway.start(io.qfgate.server.ops.GatewayConfig.defaults(data).withDb(db).withPort(0)
                .withHost("127.0.0.1"))) {
            assertThat(first.sandbox()).isNotNull();
            earlierDemo = first.demo().merchant();
        }
        SqlSandboxPartner.Partner stored;
        try (var database = io.qfgate.server.store.Database.open(db, 2, io.qfgate.server.TestKeys.ofDataDir(data))) {
            stored = new SqlSandboxPartner(database).load().orElseThrow();
        }
        standaloneSandbox = AlipaySandbox.standalone(Gateway.sandboxConfig(stored, clock, ""), 0);
        String alipayUrl = "http://127.0.0.1:" + standaloneSandbox.port() + "/gateway.do";

        gw = new TestGateway(TestDatabases.H2, io.qfgate.server.TestKeys.ofDataDir(data), c -> c.withDb(db).withUrls("http://127.0.0.1:9", alipayUrl).withClock(clock));
        assertThat(gw.gateway.sandbox()).as("no embedded sandbox when Alipay is elsewhere").isNull();
        String syssn = createPayment("remote-1", Map.of());
        assertThat(payUrlOf(syssn)).startsWith(alipayUrl + "?");

        assertThat(Wallet.pay(Wallet.open(payUrlOf(syssn)), "buyer-rich")).isEqualTo(303);
        assertThat(stored(syssn).respcd().code()).as("the notification went to a dead URL").isEqualTo("1143");

        clock.advance(Duration.ofMinutes(31)); // the clock this gateway and that sandbox share
        gw.gateway.payments().expireDue(100);

        Transaction paid = stored(syssn);
        assertThat(paid.respcd().code()).isEqualTo("0000");
        assertThat(paid.receipt().cardcd()).isEqualTo("2088000000000001");
        assertThat(paid.receipt().cashFee()).isEqualTo(275L);
    }

    /**
     * An RSA2 partner, as a production gateway signs with Alipay: requests signed with the
     * merchant's RSA key, and everything Alipay sends back (the notification, the query's and the
     * refund's answers) signed RSA2 with Alipay's key. The gateway's account has no MD5 key, so
     * nothing MD5-signed could pass. The embedded sandbox serves only the MD5 sandbox partner, so
     * the sandbox runs alone and the gateway, with a stored RSA2 account, reaches it by URL.
     */
    @Test
    void anRsa2PartnerIsAnsweredAndNotifiedWithAlipaysRsa2Signatures() throws Exception {
        var clock = new io.qfgate.server.MutableClock(TestGateway.START);
        var data = standaloneData = io.qfgate.server.TempDirs.create("qfgate-rsa");
        String db = TestDatabases.fresh(TestDatabases.H2);
        try (var first = Gateway.start(io.qfgate.server.ops.GatewayConfig.defaults(data).withDb(db).withPort(0)
                .withHost("127.0.0.1"))) {
            earlierDemo = first.demo().merchant(); // the demo merchant, made in sandbox mode
        }
        java.security.KeyPair merchantKeys = io.qfgate.sandbox.AlipaySigner.newKeys();
        java.security.KeyPair alipayKeys = io.qfgate.sandbox.AlipaySigner.newKeys();
        String partner = "2088000000000777";
        var sandboxPartner = new io.qfgate.sandbox.Partner(partner, "k".repeat(32),
                io.qfgate.sandbox.AlipaySigner.publicKeyBase64(merchantKeys), "RSA shop");
        standaloneSandbox = AlipaySandbox.standalone(io.qfgate.sandbox.SandboxConfig.defaults(clock,
                java.util.List.of(sandboxPartner)).withAlipayKeys(alipayKeys), 0);
        String alipayUrl = "http://127.0.0.1:" + standaloneSandbox.port() + "/gateway.do";
        var rsa2 = new io.qfgate.server.store.AlipaySettings(partner, null, "RSA2",
                java.util.Base64.getEncoder().encodeToString(merchantKeys.getPrivate().getEncoded()),
                io.qfgate.sandbox.AlipaySigner.publicKeyBase64(alipayKeys), alipayUrl);
        try (var database = io.qfgate.server.store.Database.open(db, 2, io.qfgate.server.TestKeys.ofDataDir(data))) {
            new io.qfgate.server.store.SqlAlipayAccounts(database).save(rsa2);
        }
        gw = new TestGateway(TestDatabases.H2, io.qfgate.server.TestKeys.ofDataDir(data),
                c -> c.withDb(db).withClock(clock));
        assertThat(gw.gateway.mode()).isEqualTo(io.qfgate.server.ops.Mode.PRODUCTION);

        String syssn = createPayment("rsa2-1", Map.of());
        assertThat(payUrlOf(syssn)).startsWith(alipayUrl + "?").contains("sign_type=RSA2");
        assertThat(Wallet.pay(Wallet.open(payUrlOf(syssn)), "buyer-rich")).isEqualTo(303);
        await("the RSA2-signed notification is believed").atMost(Duration.ofSeconds(20))
                .until(() -> stored(syssn).respcd().code().equals("0000"));

        var channel = new AlipayChannel(new AlipayAccount(rsa2.partner(), null, "RSA2", rsa2.rsaPrivateKey(),
                rsa2.alipayPublicKey(), alipayUrl), alipayUrl, gw.url(AlipayChannel.NOTIFY_PATH), java.time.ZoneOffset.ofHours(8));
        assertThat(channel.status(stored(syssn))).as("single_trade_query, answered RSA2")
                .isInstanceOf(ChannelStatus.Paid.class);
        var refund = gw.post("/trade/v1/refund", new LinkedHashMap<>(Map.of("syssn", syssn, "out_trade_no", "rsa2-r1",
                "txamt", "300", "txdtm", "2026-11-27 11:00:00")), merchant().app_code(), merchant().client_key());
        assertThat(refund.field("respcd")).as("forex_refund, answered RSA2: " + refund.field("resperr"))
                .isEqualTo("0000");
    }

    String notify(Map<String, String> form) {
        var answer = TestGateway.send(HttpRequest.newBuilder(URI.create(gw.url(AlipayChannel.NOTIFY_PATH)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(TestGateway.form(form))));
        return new String(answer.body());
    }
}
