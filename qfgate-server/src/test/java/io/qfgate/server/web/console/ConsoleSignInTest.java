package io.qfgate.server.web.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleAuth;
import io.qfgate.server.ops.DemoCredentials;
import io.qfgate.server.store.SqlAuditLog;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Signing in to the portal and the operator console: the demo accounts, the session cookie and
 * its expiry, CSRF, the lockout, and what the audit log keeps of each.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class ConsoleSignInTest {
    @Parameter
    String db;

    TestGateway gw;
    DemoCredentials.SignIn owner;
    DemoCredentials.SignIn operator;

    @BeforeEach
    void start() {
        gw = new TestGateway(db);
        owner = gw.demo().portal();
        operator = gw.demo().operator();
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void theDemoCredentialsFileGainsPortalAndOperatorAccountsThatSignIn() throws Exception {
        JsonNode file = new ObjectMapper().readTree(gw.dataDir.resolve("demo-credentials.json").toFile());
        assertThat(file.at("/merchant/app_code").asText()).isEqualTo(gw.demo().merchant().app_code());
        assertThat(file.at("/agent/mchid").asText()).isEqualTo(gw.demo().agent().mchid());
        assertThat(file.at("/portal/url").asText()).isEqualTo(gw.gateway.publicUrl() + "/portal/login");
        assertThat(file.at("/operator/url").asText()).isEqualTo(gw.gateway.publicUrl() + "/admin/login");
        assertThat(file.at("/portal/password").asText()).isEqualTo(owner.password()).hasSize(20);

        Browserless portal = new Browserless(gw, "/portal");
        TestGateway.Answer signedIn = portal.signIn(file.at("/portal/username").asText(), file.at("/portal/password").asText());
        assertThat(signedIn.status()).isEqualTo(303);
        assertThat(signedIn.header("Location")).isEqualTo("/portal/");
        String home = Browserless.text(portal.get("/portal/"));
        assertThat(home).contains("demo-owner", "Demo Merchant", "Owner", "No transactions yet.");

        Browserless console = new Browserless(gw, "/admin");
        assertThat(console.signIn(file.at("/operator/username").asText(), file.at("/operator/password").asText())
                .status()).isEqualTo(303);
        assertThat(Browserless.text(console.get("/admin/")))
                .contains("demo-operator", "Demo Merchant", "Demo Sub-merchant", gw.demo().agent().mchid());
    }

    @Test
    void theSessionCookieIsHttpOnlyLaxScopedToItsConsoleAndOnlyAHashOfItIsStored() {
        Browserless portal = new Browserless(gw, "/portal");
        TestGateway.Answer signedIn = portal.signIn(owner.username(), owner.password());
        String cookie = Browserless.setCookies(signedIn).stream().filter(c -> c.startsWith("qfgate_portal=")).findFirst()
                .orElseThrow();
        assertThat(cookie).contains("HttpOnly", "SameSite=Lax", "Path=/portal").doesNotContain("Secure", "Max-Age");
        String token = portal.cookies.get("qfgate_portal");
        assertThat(token).matches("[A-Za-z0-9_-]{43}"); // 256 bits

        List<String> stored = gw.gateway.database().jdbi().withHandle(h ->
                h.createQuery("SELECT token_hash FROM console_sessions").mapTo(String.class).list());
        assertThat(stored).containsExactly(ConsoleAuth.hash(token)).doesNotContain(token);
    }

    @Test
    void cookiesAreSecureWhenBrowsersReachTheGatewayOverHttps() {
        try (TestGateway https = new TestGateway(db, c -> c.withUrls("https://pay.example.com", null))) {
            Browserless admin = new Browserless(https, "/admin");
            assertThat(Browserless.setCookies(admin.get("/admin/login"))).allSatisfy(c -> assertThat(c).contains("Secure"));
            TestGateway.Answer signedIn = admin.signIn(https.demo().operator().username(), https.demo().operator().password());
            assertThat(Browserless.setCookies(signedIn)).filteredOn(c -> c.startsWith("qfgate_admin="))
                    .singleElement().satisfies(c -> assertThat(c).contains("Secure", "HttpOnly", "SameSite=Lax",
                            "Path=/admin"));
        }
    }

    @Test
    void aSessionIdleForThirtyMinutesEndsAndEachRequestSlidesTheIdleTime() {
        Browserless portal = new Browserless(gw, "/portal");
        portal.signIn(owner.username(), owner.password());
        gw.clock.advance(Duration.ofMinutes(29));
        assertThat(portal.get("/portal/").status()).isEqualTo(200);
        gw.clock.advance(Duration.ofMinutes(29));
        assertThat(portal.get("/portal/").status()).as("29 min after the last request").isEqualTo(200);
        gw.clock.advance(Duration.ofMinutes(30));
        TestGateway.Answer idle = portal.get("/portal/");
        assertThat(idle.status()).isEqualTo(303);
        assertThat(idle.header("Location")).isEqualTo("/portal/login");
    }

    @Test
    void aSessionEndsTwelveHoursAfterSignInHoweverBusy() {
        Browserless admin = new Browserless(gw, "/admin");
        admin.signIn(operator.username(), operator.password());
        for (int minutes = 25; minutes < 12 * 60; minutes += 25) {
            gw.clock.advance(Duration.ofMinutes(25));
            assertThat(admin.get("/admin/").status()).as("after %d min", minutes).isEqualTo(200);
        }
        gw.clock.advance(Duration.ofMinutes(25));
        assertThat(admin.get("/admin/").header("Location")).isEqualTo("/admin/login");
    }

    @Test
    void signingOutEndsTheSessionEvenForACopyOfTheCookie() {
        Browserless portal = new Browserless(gw, "/portal");
        portal.signIn(owner.username(), owner.password());
        String token = portal.cookies.get("qfgate_portal");
        String csrf = Browserless.csrfOf(portal.get("/portal/"));
        TestGateway.Answer out = portal.post("/portal/logout", Map.of("csrf", csrf));
        assertThat(out.status()).isEqualTo(303);
        assertThat(out.header("Location")).isEqualTo("/portal/login");
        assertThat(portal.cookies).doesNotContainKey("qfgate_portal");

        Browserless copy = new Browserless(gw, "/portal");
        copy.cookies.put("qfgate_portal", token);
        assertThat(copy.get("/portal/").header("Location")).isEqualTo("/portal/login");
    }

    @Test
    void aPostWithoutTheSessionsCsrfTokenIsRefusedWithA403Page() {
        Browserless portal = new Browserless(gw, "/portal");
        portal.signIn(owner.username(), owner.password());
        TestGateway.Answer without = portal.post("/portal/logout", Map.of());
        assertThat(without.status()).isEqualTo(403);
        assertThat(Browserless.text(without)).contains("This form has expired or did not come from this site.");
        assertThat(portal.post("/portal/logout", Map.of("csrf", "forged")).status()).isEqualTo(403);
        assertThat(portal.get("/portal/").status()).as("still signed in").isEqualTo(200);

        // htmx sends the token in a header.
        String csrf = Browserless.csrfOf(portal.get("/portal/"));
        assertThat(portal.post("/portal/logout", Map.of(), "X-CSRF-Token", csrf, "HX-Request", "true").status())
                .isEqualTo(303);
    }

    @Test
    void theSignInFormItselfNeedsItsToken() {
        Browserless admin = new Browserless(gw, "/admin");
        admin.get("/admin/login");
        TestGateway.Answer forged = admin.post("/admin/login",
                Map.of("username", operator.username(), "password", operator.password()));
        assertThat(forged.status()).isEqualTo(403);
        assertThat(admin.cookies).doesNotContainKey("qfgate_admin");
    }

    @Test
    void fiveFailuresLockTheAccountForFifteenMinutesEvenForTheRightPassword() {
        Browserless portal = new Browserless(gw, "/portal");
        for (int i = 1; i <= 4; i++) {
            TestGateway.Answer wrong = portal.signIn(owner.username(), "not-the-password-" + i);
            assertThat(wrong.status()).isEqualTo(401);
            assertThat(Browserless.text(wrong)).contains("The username or password is not right.");
        }
        TestGateway.Answer fifth = portal.signIn(owner.username(), "not-the-password-5");
        assertThat(fifth.status()).isEqualTo(429);
        assertThat(Browserless.text(fifth)).contains("Too many failed sign-ins.");
        assertThat(portal.signIn(owner.username(), owner.password()).status()).as("right password, locked").isEqualTo(429);

        gw.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertThat(portal.signIn(owner.username(), owner.password()).status()).isEqualTo(303);
        assertThat(actions()).containsSubsequence(AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN_FAILED,
                AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN_FAILED, AuditAction.SIGN_IN_FAILED,
                AuditAction.LOCKED_OUT, AuditAction.SIGN_IN);
    }

    @Test
    void twentyFailuresFromOneAddressLockEveryAccountFromIt() {
        Browserless admin = new Browserless(gw, "/admin");
        for (int i = 1; i < 20; i++) {
            assertThat(admin.signIn("guess" + i, "whatever-" + i).status()).isEqualTo(401);
        }
        assertThat(admin.signIn("guess20", "whatever-20").status()).isEqualTo(429);
        TestGateway.Answer right = admin.signIn(operator.username(), operator.password());
        assertThat(right.status()).isEqualTo(429);
        assertThat(Browserless.text(right)).contains("Too many failed sign-ins.");
    }

    @Test
    void anUnknownUsernameIsAnsweredAsAWrongPasswordAndCountedAndAudited() {
        Browserless portal = new Browserless(gw, "/portal");
        TestGateway.Answer unknown = portal.signIn("nobody-here", "some-password");
        TestGateway.Answer wrong = portal.signIn(owner.username(), "some-password");
        assertThat(unknown.status()).isEqualTo(wrong.status()).isEqualTo(401);
        assertThat(Browserless.text(unknown)).contains("The username or password is not right.");

        List<AuditEntry> audit = new SqlAuditLog(gw.gateway.database()).newest(2);
        assertThat(audit.get(1).username()).isEqualTo("nobody-here");
        assertThat(audit.get(1).accountId()).isNull();
        assertThat(audit.get(1).action()).isEqualTo(AuditAction.SIGN_IN_FAILED);
        assertThat(audit.get(0).accountId()).isNotNull();
        assertThat(audit.get(0).ip()).isEqualTo("127.0.0.1");
        assertThat(audit).allSatisfy(e -> assertThat(e.detail() == null ? "" : e.detail()).doesNotContain("some-password"));
    }

    @Test
    void theAuditLogKeepsSignInAndSignOutAndRefusesEveryChange() {
        Browserless admin = new Browserless(gw, "/admin");
        admin.signIn(operator.username(), operator.password());
        admin.post("/admin/logout", Map.of("csrf", Browserless.csrfOf(admin.get("/admin/"))));
        assertThat(actions()).endsWith(AuditAction.SIGN_IN, AuditAction.SIGN_OUT);

        var jdbi = gw.gateway.database().jdbi();
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("UPDATE audit_log SET username = 'someone-else'")))
                .hasStackTraceContaining("append-only");
        assertThatThrownBy(() -> jdbi.useHandle(h -> h.execute("DELETE FROM audit_log")))
                .hasStackTraceContaining("append-only");
        int kept = jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM audit_log WHERE username = 'demo-operator'")
                .mapTo(Integer.class).one());
        assertThat(kept).as("created, signed in, signed out").isEqualTo(3);
    }

    @Test
    void aPortalSessionNeverOpensTheOperatorConsoleNorTheOtherWayRound() {
        Browserless portal = new Browserless(gw, "/portal");
        portal.signIn(owner.username(), owner.password());
        Browserless stolen = new Browserless(gw, "/admin");
        stolen.cookies.put("qfgate_admin", portal.cookies.get("qfgate_portal"));
        assertThat(stolen.get("/admin/").header("Location")).isEqualTo("/admin/login");

        Browserless admin = new Browserless(gw, "/admin");
        admin.signIn(operator.username(), operator.password());
        Browserless other = new Browserless(gw, "/portal");
        other.cookies.put("qfgate_portal", admin.cookies.get("qfgate_admin"));
        assertThat(other.get("/portal/").header("Location")).isEqualTo("/portal/login");
        // A portal user's name and password do not sign in to the console either.
        assertThat(new Browserless(gw, "/admin").signIn(owner.username(), owner.password()).status()).isEqualTo(401);
    }

    @Test
    void withoutASessionEveryConsolePageSendsToItsSignInPageAndHtmxIsToldHow() {
        Browserless anyone = new Browserless(gw, "/portal");
        for (String path : List.of("/portal/", "/portal/transactions", "/admin/", "/admin/merchants/1")) {
            TestGateway.Answer answer = anyone.get(path);
            assertThat(answer.status()).as(path).isEqualTo(303);
            assertThat(answer.header("Location")).as(path).endsWith("/login").startsWith(path.substring(0, 6));
        }
        assertThat(anyone.get("/portal").header("Location")).isEqualTo("/portal/login");
        TestGateway.Answer htmx = anyone.get("/portal/", "HX-Request", "true");
        assertThat(htmx.status()).isEqualTo(401);
        assertThat(htmx.header("HX-Redirect")).isEqualTo("/portal/login");
    }

    @Test
    void theLanguageComesFromTheParameterThenItsCookieThenTheBrowser() {
        Browserless visitor = new Browserless(gw, "/portal");
        assertThat(Browserless.text(visitor.get("/portal/login", "Accept-Language", "zh-CN,zh;q=0.9")))
                .contains("<html lang=\"zh-CN\">", "用户名");
        assertThat(Browserless.text(visitor.get("/portal/login?lang=zh-hk"))).contains("<html lang=\"zh-HK\">", "用戶名稱");
        assertThat(Browserless.text(visitor.get("/portal/login", "Accept-Language", "en"))).as("remembered")
                .contains("<html lang=\"zh-HK\">");
    }

    private List<AuditAction> actions() {
        return new SqlAuditLog(gw.gateway.database()).newest(100).reversed().stream().map(AuditEntry::action).toList();
    }
}
