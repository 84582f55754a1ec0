package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.TestGateway;
import io.qfgate.server.Wallet;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import io.qfgate.server.store.SqlConsoleSessions;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import io.qfgate.server.ops.GatewayConfig;

/**
 * A gateway with two merchants for the portal's pages: the demo merchant (its owner is the demo
 * portal user) and "Other Shop" with its own owner, so that every page can be tried as the other tenant.
 */
final class PortalFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    private static final AtomicInteger ORDERS = new AtomicInteger();

    final TestGateway gw;
    final ConsoleAuth accounts;
    final SqlApps apps;
    final App demo;
    final App other;

    PortalFixture(String db, UnaryOperator<GatewayConfig> customize) {
        gw = new TestGateway(db, customize);
        var database = gw.gateway.database();
        SqlConsoleSessions sessions = new SqlConsoleSessions(database);
        accounts = ConsoleAuth.over(new SqlConsoleAccounts(database), sessions, sessions, new SqlAuditLog(database),
                ConsoleAuth.Settings.defaults(), gw.clock, QfTime.DEFAULT_ZONE);
        apps = new SqlApps(database);
        demo = apps.byAppCode(gw.demo().merchant().app_code()).orElseThrow();
        other = apps.createApp(new App(0, "B".repeat(32), "C".repeat(32), App.Kind.MERCHANT, "Other Shop", null,
                        1_000_000, 1_000_000),
                new SqlApps.NewMerchant("Other Shop", "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB),
                        EnumSet.allOf(Currency.class), null), LocalDateTime.now());
        accounts.createPortalUser(other.id(), "other-owner", PASSWORD, PortalRole.OWNER, null);
    }

    /** The demo merchant's owner, signed in. */
    Browserless demoOwner() {
        return signedIn(gw.demo().portal().username(), gw.demo().portal().password());
    }

    Browserless signedIn(String username, String password) {
        Browserless portal = new Browserless(gw, "/portal");
        assertThat(portal.signIn(username, password).status()).as(username + " signs in").isEqualTo(303);
        return portal;
    }

    /** A POST of a form with the page's CSRF token, as the page's own form sends it. */
    static TestGateway.Answer submit(Browserless portal, String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", Browserless.csrfOf(portal.get("/portal/")));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return portal.post(path, form);
    }

    TestGateway.Answer call(String path, Map<String, String> params, App app, String key) {
        return gw.post(path, params, app.appCode(), key);
    }

    /** A new order of the app; its syssn. */
    String order(App app, String key, long txamt) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("portal-" + ORDERS.incrementAndGet()));
        p.put("txamt", Long.toString(txamt));
        TestGateway.Answer a = call("/trade/v1/payment", p, app, key);
        assertThat(a.field("respcd")).as(a.json().toString()).isEqualTo("0000");
        return a.field("syssn");
    }

    /** An order a sandbox buyer has paid, once the gateway has recorded it. */
    String paid(App app, String key, long txamt) {
        String syssn = order(app, key, txamt);
        SqlTransactions transactions = new SqlTransactions(gw.gateway.database());
        String wallet = Wallet.open(transactions.bySyssn(syssn).orElseThrow().payUrl());
        assertThat(Wallet.pay(wallet, "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> transactions.bySyssn(syssn).orElseThrow().respcd().code().equals("0000"));
        return syssn;
    }

    String refund(App app, String key, String syssn, long txamt) {
        TestGateway.Answer a = call("/trade/v1/refund", Map.of("syssn", syssn, "txamt", Long.toString(txamt),
                "out_trade_no", "refund-" + ORDERS.incrementAndGet(), "txdtm", "2026-11-27 10:00:00"), app, key);
        assertThat(a.field("respcd")).as(a.json().toString()).isEqualTo("0000");
        return a.field("syssn");
    }

    @Override
    public void close() {
        gw.close();
    }
}
