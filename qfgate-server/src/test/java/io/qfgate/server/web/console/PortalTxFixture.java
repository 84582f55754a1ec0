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
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.NewPayment;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.domain.Receipt;
import io.qfgate.server.domain.Transaction;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import io.qfgate.server.store.SqlConsoleSessions;
import io.qfgate.server.store.SqlTransactions;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A gateway with the demo merchant (and its portal users of every role), another merchant with its
 * own owner, and the demo agent with a second sub-merchant; transactions made through the API or
 * written straight to the store.
 */
final class PortalTxFixture implements AutoCloseable {
    static final String PASSWORD = "correct horse battery";
    private static final Pattern ROW = Pattern.compile("<td data-label=\"syssn\"><a class=\"console-code\" href=\"/portal/transactions/(\\d{26})\"");
    private static final Pattern NEXT = Pattern.compile("href=\"(/portal/transactions\\?[^\"]*after=\\d{26})\"");
    private static final AtomicInteger ORDERS = new AtomicInteger();

    final TestGateway gw;
    final SqlApps apps;
    final SqlTransactions transactions;
    final SqlAuditLog audit;
    final App demo;
    final Merchant demoMerchant;
    final App other;
    final Merchant otherMerchant;
    final App agent;
    final Merchant secondSub;

    PortalTxFixture(String db) {
        gw = new TestGateway(db);
        var database = gw.gateway.database();
        apps = new SqlApps(database);
        transactions = new SqlTransactions(database);
        audit = new SqlAuditLog(database);
        SqlConsoleSessions sessions = new SqlConsoleSessions(database);
        ConsoleAuth accounts = ConsoleAuth.over(new SqlConsoleAccounts(database), sessions, sessions, audit,
                ConsoleAuth.Settings.defaults(), gw.clock, QfTime.DEFAULT_ZONE);
        demo = apps.byAppCode(gw.demo().merchant().app_code()).orElseThrow();
        demoMerchant = apps.merchantOfApp(demo.id()).orElseThrow();
        other = apps.createApp(new App(0, "B".repeat(32), "C".repeat(32), App.Kind.MERCHANT, "Other Shop", null,
                        1_000_000, 1_000_000),
                new SqlApps.NewMerchant("Other Shop", "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB),
                        EnumSet.allOf(Currency.class), null), LocalDateTime.now());
        otherMerchant = apps.merchantOfApp(other.id()).orElseThrow();
        agent = apps.byAppCode(gw.demo().agent().app_code()).orElseThrow();
        secondSub = apps.createSubMerchant(agent.id(), "M2ND", new SqlApps.NewMerchant("Second Sub", "5999",
                EnumSet.of(PayType.ALIPAY_ONLINE_WEB), EnumSet.allOf(Currency.class), null), LocalDateTime.now());
        accounts.createPortalUser(demo.id(), "till", PASSWORD, PortalRole.CASHIER, 500L);
        accounts.createPortalUser(demo.id(), "reader", PASSWORD, PortalRole.VIEWER, null);
        accounts.createPortalUser(other.id(), "other-owner", PASSWORD, PortalRole.OWNER, null);
        accounts.createPortalUser(agent.id(), "agent-owner", PASSWORD, PortalRole.OWNER, null);
    }

    @Override
    public void close() {
        gw.close();
    }

    /** A browser signed in to the portal as {@code username} (the demo owner: "owner"). */
    Browserless as(String username) {
        Browserless portal = new Browserless(gw, "/portal");
        boolean owner = username.equals("owner");
        var answer = portal.signIn(owner ? gw.demo().portal().username() : username,
                owner ? gw.demo().portal().password() : PASSWORD);
        assertThat(answer.status()).as(username + " signs in").isEqualTo(303);
        return portal;
    }

    /** An unpaid order written straight to the store at {@code sysdtm}. */
    Transaction stored(Merchant merchant, LocalDateTime sysdtm, long txamt, Currency currency, String udid,
            String goodsName) {
        App app = apps.byId(merchant.appId()).orElseThrow();
        NewPayment request = new NewPayment(txamt, currency, PayType.ALIPAY_ONLINE_WEB,
                "stored-" + ORDERS.incrementAndGet(), "2026-11-27 10:00:00", QfTime.DEFAULT_ZONE, 30, goodsName, null,
                merchant.mchid(), udid, null, null);
        Transaction t = Transaction.payment(transactions.nextSyssn(sysdtm.toLocalDate()), sysdtm, app, merchant, request);
        assertThat(transactions.insert(t)).isTrue();
        return t;
    }

    /** A stored order marked paid. */
    Transaction storedPaid(Merchant merchant, LocalDateTime sysdtm, long txamt, String udid) {
        Transaction t = stored(merchant, sysdtm, txamt, Currency.HKD, udid, "goods");
        transactions.markPaid(t.syssn(), new Receipt(sysdtm, "2026112722001" + t.syssn().substring(16), null, null,
                txamt, Currency.HKD), null);
        return transactions.bySyssn(t.syssn()).orElseThrow();
    }

    /** An order through the API, paid at the sandbox wallet; its syssn. */
    String paidThroughApi(long txamt) {
        String syssn = orderThroughApi(txamt);
        assertThat(Wallet.pay(Wallet.open(tx(syssn).payUrl()), "buyer-rich")).isEqualTo(303);
        await().atMost(Duration.ofSeconds(20)).until(() -> tx(syssn).respcd().code().equals("0000"));
        return syssn;
    }

    String orderThroughApi(long txamt) {
        Map<String, String> p = new LinkedHashMap<>(TestGateway.payment("api-" + ORDERS.incrementAndGet()));
        p.put("txamt", Long.toString(txamt));
        var a = gw.post("/trade/v1/payment", p, gw.demo().merchant().app_code(), gw.demo().merchant().client_key());
        assertThat(a.field("respcd")).as(a.json().toString()).isEqualTo("0000");
        return a.field("syssn");
    }

    Transaction tx(String syssn) {
        return transactions.bySyssn(syssn).orElseThrow();
    }

    /** The syssns a list page shows, in order, and its next page's address (null on the last). */
    record Listed(List<String> syssns, String next) {}

    static Listed listed(Browserless portal, String pathAndQuery) {
        var answer = portal.get(pathAndQuery);
        assertThat(answer.status()).as(pathAndQuery).isEqualTo(200);
        String html = Browserless.text(answer);
        List<String> rows = new ArrayList<>();
        Matcher m = ROW.matcher(html);
        while (m.find()) {
            rows.add(m.group(1));
        }
        Matcher next = NEXT.matcher(html);
        return new Listed(rows, next.find() ? next.group(1).replace("&amp;", "&") : null);
    }
}
