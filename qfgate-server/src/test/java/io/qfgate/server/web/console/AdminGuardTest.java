package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlApps;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** Every page of the operators' console is for operators only, and every form needs its CSRF token. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class AdminGuardTest {
    @Parameter
    String db;

    TestGateway gw;
    String appCode;
    long merchantId;

    @BeforeEach
    void start() {
        gw = new TestGateway(db);
        appCode = gw.demo().merchant().app_code();
        SqlApps apps = new SqlApps(gw.gateway.database());
        merchantId = apps.merchantOfApp(apps.byAppCode(appCode).orElseThrow().id()).orElseThrow().id();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    List<String> pages() {
        return List.of("/admin/merchants", "/admin/merchants/" + appCode, "/admin/alipay", "/admin/system",
                "/admin/audit");
    }

    List<String> forms() {
        String app = "/admin/merchants/" + appCode;
        return List.of("/admin/merchants", app + "/app", app + "/enabled", app + "/merchants/" + merchantId,
                app + "/subs", app + "/owner", "/admin/alipay", "/admin/alipay/reset", "/admin/system/resend");
    }

    @Test
    void aPortalOwnersSessionOpensNoPageAndSendsNoFormOfTheOperatorsConsole() {
        Browserless portal = new Browserless(gw, "/portal");
        assertThat(portal.signIn(gw.demo().portal().username(), gw.demo().portal().password()).status()).isEqualTo(303);
        String token = portal.cookies.get("qfgate_portal");
        String csrf = Browserless.csrfOf(portal.get("/portal/"));
        // The portal's token presented as if it were an operator's session.
        Browserless forged = new Browserless(gw, "/admin");
        forged.cookies.put("qfgate_admin", token);
        forged.cookies.put("qfgate_portal", token);
        for (String page : pages()) {
            assertThat(forged.get(page).header("Location")).as(page).isEqualTo("/admin/login");
        }
        for (String form : forms()) {
            TestGateway.Answer answer = forged.post(form, Map.of("csrf", csrf, "kind", "agent", "name", "Forged",
                    "enabled", "false", "partner", "2088123456789012", "all", "all"));
            assertThat(answer.header("Location")).as(form).isEqualTo("/admin/login");
        }
        assertNothingChanged();
    }

    @Test
    void everyFormOfTheConsoleRefusesAPostWithoutTheSessionsToken() {
        Browserless operator = new Browserless(gw, "/admin");
        operator.signIn(gw.demo().operator().username(), gw.demo().operator().password());
        for (String page : pages()) {
            assertThat(operator.get(page).status()).as(page).isEqualTo(200);
        }
        for (String form : forms()) {
            Map<String, String> fields = Map.of("kind", "agent", "name", "Forged", "enabled", "false",
                    "partner", "2088123456789012", "all", "all");
            assertThat(operator.post(form, fields).status()).as(form + " without a token").isEqualTo(403);
            Map<String, String> wrong = new java.util.HashMap<>(fields);
            wrong.put("csrf", "not-the-token");
            assertThat(operator.post(form, wrong).status()).as(form + " with a wrong token").isEqualTo(403);
        }
        assertNothingChanged();
    }

    private void assertNothingChanged() {
        SqlApps apps = new SqlApps(gw.gateway.database());
        assertThat(apps.allApps()).noneMatch(a -> a.name().equals("Forged"));
        assertThat(apps.byAppCode(appCode).orElseThrow().enabled()).isTrue();
        assertThat(new SqlAlipayAccounts(gw.gateway.database()).load()).isEmpty();
    }
}
