package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.QfTime;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import io.qfgate.server.store.SqlConsoleSessions;
import java.time.LocalDateTime;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A portal user sees the transactions of their own app's merchant(s) and of no other. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PortalTenantsTest {
    private static final String PASSWORD = "correct horse battery";

    @Parameter
    String db;

    TestGateway gw;
    ConsoleAuth accounts;
    App other;

    @BeforeEach
    void start() {
        gw = new TestGateway(db);
        var database = gw.gateway.database();
        SqlConsoleSessions sessions = new SqlConsoleSessions(database);
        accounts = ConsoleAuth.over(new SqlConsoleAccounts(database), sessions, sessions, new SqlAuditLog(database),
                ConsoleAuth.Settings.defaults(), gw.clock, QfTime.DEFAULT_ZONE);
        SqlApps apps = new SqlApps(database);
        other = apps.createApp(new App(0, "B".repeat(32), "C".repeat(32), App.Kind.MERCHANT, "Other Shop", null,
                        1_000_000, 1_000_000),
                new SqlApps.NewMerchant("Other Shop", "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB),
                        EnumSet.allOf(Currency.class), null), LocalDateTime.now());
        pay("demo-order-1", gw.demo().merchant().app_code(), gw.demo().merchant().client_key(), null);
        pay("other-order-1", other.appCode(), other.clientKey(), null);
        pay("sub-order-1", gw.demo().agent().app_code(), gw.demo().agent().client_key(), gw.demo().agent().mchid());
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aMerchantsUserSeesItsOwnTransactionsOnly() {
        String home = homeOf(gw.demo().portal().username(), gw.demo().portal().password());
        assertThat(home).contains("demo-order-1", "Demo Merchant").doesNotContain("other-order-1", "sub-order-1",
                "Other Shop");

        accounts.createPortalUser(other.id(), "other-viewer", PASSWORD, PortalRole.VIEWER, null);
        assertThat(homeOf("other-viewer", PASSWORD)).contains("other-order-1", "Viewer")
                .doesNotContain("demo-order-1", "sub-order-1");
    }

    @Test
    void anAgentsUserSeesEverySubMerchantsTransactions() {
        long agentId = new SqlApps(gw.gateway.database()).byAppCode(gw.demo().agent().app_code()).orElseThrow().id();
        accounts.createPortalUser(agentId, "agent-cashier", PASSWORD, PortalRole.CASHIER, 50_000L);
        assertThat(homeOf("agent-cashier", PASSWORD)).contains("sub-order-1", "Demo Sub-merchant", "Cashier", "50000")
                .doesNotContain("demo-order-1", "other-order-1");
    }

    private String homeOf(String username, String password) {
        Browserless portal = new Browserless(gw, "/portal");
        assertThat(portal.signIn(username, password).status()).as(username + " signs in").isEqualTo(303);
        return Browserless.text(portal.get("/portal/"));
    }

    private void pay(String orderNo, String appCode, String key, String mchid) {
        Map<String, String> params = new java.util.LinkedHashMap<>(TestGateway.payment(orderNo));
        if (mchid != null) {
            params.put("mchid", mchid);
        }
        TestGateway.Answer answer = gw.post("/trade/v1/payment", params, appCode, key);
        assertThat(answer.field("respcd")).as(answer.json().toString()).isEqualTo("0000");
    }
}
