package io.qfgate.server.web.console;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route the running gateway has under {@code /portal} and {@code /admin}, taken from its router,
 * tried without a session, with the other console's session, as another merchant's user and with a
 * role too small for it: each is refused and nothing it could change changes. A route added later is
 * not in {@link #ROUTES} and fails the first test until someone says what it is.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class EveryConsoleRouteAuthorisationTest {
    /** What a route is, and so who may use it. */
    enum Kind {
        /** Sign-in and sign-out: open before a session by design, and covered by {@code ConsoleSignInTest}. */
        SIGN_IN,
        /** A portal page any portal user of the merchant may read. */
        PAGE,
        /** A portal form a cashier or an owner may send (the viewer reads only). */
        ACTION,
        /** An owner's page: cashiers and viewers are refused. */
        OWNER_PAGE,
        OWNER_ACTION,
        OPERATOR_PAGE,
        OPERATOR_ACTION;

        boolean post() {
            return this == ACTION || this == OWNER_ACTION || this == OPERATOR_ACTION;
        }
    }

    static final Map<String, Kind> ROUTES = Map.ofEntries(
            entry("GET /portal/login", Kind.SIGN_IN),
            entry("POST /portal/login", Kind.SIGN_IN),
            entry("POST /portal/logout", Kind.SIGN_IN),
            entry("GET /admin/login", Kind.SIGN_IN),
            entry("POST /admin/login", Kind.SIGN_IN),
            entry("POST /admin/logout", Kind.SIGN_IN),
            entry("GET /portal/", Kind.PAGE),
            entry("GET /portal/transactions", Kind.PAGE),
            entry("GET /portal/transactions.csv", Kind.PAGE),
            entry("GET /portal/transactions/{syssn}", Kind.PAGE),
            entry("GET /portal/transactions/{syssn}/refund", Kind.PAGE),
            entry("POST /portal/transactions/{syssn}/refund", Kind.ACTION),
            entry("POST /portal/transactions/{syssn}/close", Kind.ACTION),
            entry("POST /portal/transactions/{syssn}/note", Kind.ACTION),
            entry("POST /portal/transactions/{syssn}/resend", Kind.ACTION),
            entry("GET /portal/dashboard", Kind.PAGE),
            entry("GET /portal/statements", Kind.PAGE),
            entry("GET /portal/statements/download", Kind.PAGE),
            entry("GET /portal/developers", Kind.OWNER_PAGE),
            entry("POST /portal/developers/key", Kind.OWNER_ACTION),
            entry("POST /portal/developers/test", Kind.OWNER_ACTION),
            entry("GET /portal/staff", Kind.OWNER_PAGE),
            entry("POST /portal/staff", Kind.OWNER_ACTION),
            entry("POST /portal/staff/{id}/role", Kind.OWNER_ACTION),
            entry("POST /portal/staff/{id}/access", Kind.OWNER_ACTION),
            entry("GET /admin/", Kind.OPERATOR_PAGE),
            entry("GET /admin/merchants", Kind.OPERATOR_PAGE),
            entry("POST /admin/merchants", Kind.OPERATOR_ACTION),
            entry("GET /admin/merchants/{app}", Kind.OPERATOR_PAGE),
            entry("POST /admin/merchants/{app}/app", Kind.OPERATOR_ACTION),
            entry("POST /admin/merchants/{app}/enabled", Kind.OPERATOR_ACTION),
            entry("POST /admin/merchants/{app}/merchants/{id}", Kind.OPERATOR_ACTION),
            entry("POST /admin/merchants/{app}/subs", Kind.OPERATOR_ACTION),
            entry("POST /admin/merchants/{app}/owner", Kind.OPERATOR_ACTION),
            entry("GET /admin/alipay", Kind.OPERATOR_PAGE),
            entry("POST /admin/alipay", Kind.OPERATOR_ACTION),
            entry("POST /admin/alipay/reset", Kind.OPERATOR_ACTION),
            entry("GET /admin/system", Kind.OPERATOR_PAGE),
            entry("POST /admin/system/resend", Kind.OPERATOR_ACTION),
            entry("GET /admin/audit", Kind.OPERATOR_PAGE));

    /** Sign-in's own rows: the only audit rows these tries may leave. */
    private static final Set<String> SIGN_IN_ACTIONS = Set.of("sign_in", "sign_out", "sign_in_failed", "locked_out");

    /** What the routes' forms could change; sessions, sign-in failures and the nodes' heartbeats are not theirs. */
    private static final List<String> GUARDED_TABLES = List.of("apps", "merchants", "transactions", "notifications",
            "notification_attempts", "portal_users", "operators", "alipay_settings", "customs_declarations",
            "audit_log");

    /**
     * Every field any console form reads, with a value that would make the form do its work: a refused
     * request must be refused by its guard, not by a missing field.
     */
    private static final Map<String, String> EVERY_FIELD = Map.ofEntries(entry("amount", "0.01"),
            entry("all", "1"), entry("confirm", "yes"), entry("enabled", "false"), entry("note", "taken over"),
            entry("role", "owner"), entry("username", "intruder"), entry("password", "intruder password 1"),
            entry("action", "disable"), entry("kind", "payment"), entry("key", "A".repeat(32)), entry("id", "1"));

    @Parameter
    String db;

    // One gateway per database for the whole class: every test here asserts that it changed nothing.
    static PortalTxFixture fx;
    /** The demo merchant's paid order: the victim's syssn. */
    static String demoSyssn;
    /** The demo merchant's viewer: the victim's user. */
    static long demoUserId;
    /** The other merchant's paid order, which its owner does see. */
    static String otherSyssn;

    @BeforeParameterizedClassInvocation
    static void start(String db) {
        fx = new PortalTxFixture(db);
        demoSyssn = fx.storedPaid(fx.demoMerchant, LocalDateTime.of(2026, 11, 27, 9, 0), 10_000, "till-1").syssn();
        otherSyssn = fx.storedPaid(fx.otherMerchant, LocalDateTime.of(2026, 11, 27, 9, 5), 20_000, null).syssn();
        demoUserId = fx.gw.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM portal_users WHERE username = 'reader'").mapTo(Long.class).one());
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        fx.close();
    }

    @Test
    void everyRouteUnderTheConsolesIsOneThisTestKnows() {
        List<String> registered = fx.gw.gateway.routes().stream()
                .filter(r -> !r.startsWith("BEFORE") && !r.startsWith("AFTER"))
                .filter(r -> r.contains(" /portal") || r.contains(" /admin")).toList();
        assertThat(registered).as("a console route not listed here: say what it is in ROUTES")
                .containsExactlyInAnyOrderElementsOf(ROUTES.keySet());
    }

    @Test
    void withoutASessionEveryRouteSendsToItsSignInAndChangesNothing() {
        Map<String, List<String>> before = snapshot();
        Browserless nobody = new Browserless(fx.gw, "/portal");
        for (String route : guarded()) {
            String login = baseOf(route) + "/login";
            TestGateway.Answer page = send(nobody, route, demoFill(), null);
            assertThat(page.status()).as(route).isEqualTo(303);
            assertThat(page.header("Location")).as(route).isEqualTo(login);
            assertThat(Browserless.text(page)).as(route).doesNotContain(demoSyssn);
            TestGateway.Answer htmx = send(nobody, route, demoFill(), null, "HX-Request", "true");
            assertThat(htmx.status()).as(route + " from htmx").isEqualTo(401);
            assertThat(htmx.header("HX-Redirect")).as(route + " from htmx").isEqualTo(login);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theOtherConsolesSessionOpensNoRouteEvenUnderThisConsolesCookie() {
        Browserless owner = fx.as("owner");
        Browserless operator = new Browserless(fx.gw, "/admin");
        assertThat(operator.signIn(fx.gw.demo().operator().username(), fx.gw.demo().operator().password()).status())
                .isEqualTo(303);
        String ownerCsrf = forge(owner, "qfgate_portal", "qfgate_admin", "/portal/");
        String operatorCsrf = forge(operator, "qfgate_admin", "qfgate_portal", "/admin/");
        Map<String, List<String>> before = snapshot();
        for (String route : guarded()) {
            boolean admin = route.contains(" /admin");
            TestGateway.Answer answer = admin ? send(owner, route, demoFill(), ownerCsrf)
                    : send(operator, route, demoFill(), operatorCsrf);
            assertThat(answer.status()).as(route).isEqualTo(303);
            assertThat(answer.header("Location")).as(route).isEqualTo(baseOf(route) + "/login");
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void anotherMerchantsOwnerIsRefusedEveryRouteNamingTheDemoMerchantsThings() {
        Browserless intruder = fx.as("other-owner");
        String csrf = Browserless.csrfOf(intruder.get("/portal/"));
        Map<String, List<String>> before = snapshot();
        for (String route : portal(Set.of(Kind.PAGE, Kind.ACTION, Kind.OWNER_PAGE, Kind.OWNER_ACTION))) {
            if (route.contains("{")) {
                TestGateway.Answer answer = send(intruder, route, demoFill(), csrf);
                assertThat(answer.status()).as(route).isIn(403, 404);
                assertThat(Browserless.text(answer)).as(route).doesNotContain("till-1");
            } else if (!ROUTES.get(route).post()) {
                // No path names the demo merchant's things here: the day they happened on must not show them.
                TestGateway.Answer answer = intruder.get(path(route, demoFill())
                        + "?date=2026-11-27&from=2026-11-27&to=2026-11-27");
                assertThat(Browserless.text(answer)).as(route).doesNotContain(demoSyssn, "till-1");
            }
        }
        assertThat(Browserless.text(intruder.get("/portal/transactions"))).as("the intruder's own list works")
                .contains(otherSyssn);
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void aViewerSendsNoFormAndACashierOpensNoOwnersPage() {
        Browserless viewer = fx.as("reader");
        Browserless cashier = fx.as("till");
        String viewerCsrf = Browserless.csrfOf(viewer.get("/portal/"));
        String cashierCsrf = Browserless.csrfOf(cashier.get("/portal/"));
        Map<String, List<String>> before = snapshot();
        for (String route : portal(Set.of(Kind.ACTION, Kind.OWNER_ACTION))) {
            assertThat(send(viewer, route, demoFill(), viewerCsrf).status()).as("viewer: " + route).isEqualTo(403);
        }
        for (String route : portal(Set.of(Kind.OWNER_PAGE, Kind.OWNER_ACTION))) {
            assertThat(send(cashier, route, demoFill(), cashierCsrf).status()).as("cashier: " + route).isEqualTo(403);
        }
        assertThat(snapshot()).isEqualTo(before);
    }

    /** Every route but sign-in's. */
    private List<String> guarded() {
        return ROUTES.entrySet().stream().filter(e -> e.getValue() != Kind.SIGN_IN).map(Map.Entry::getKey)
                .sorted().toList();
    }

    private List<String> portal(Set<Kind> kinds) {
        return ROUTES.entrySet().stream().filter(e -> kinds.contains(e.getValue())).map(Map.Entry::getKey)
                .sorted().toList();
    }

    /** The demo merchant's things: another tenant's to an intruder, the user's own to the demo's staff. */
    private Map<String, String> demoFill() {
        long merchantId = fx.demoMerchant.id();
        return Map.of("syssn", demoSyssn, "id", Long.toString(demoUserId), "app", fx.demo.appCode(),
                "merchantId", Long.toString(merchantId));
    }

    /** A browser signed in to one console that also presents its session under the other console's cookie; its CSRF token. */
    private static String forge(Browserless signed, String own, String other, String home) {
        String csrf = Browserless.csrfOf(signed.get(home));
        signed.cookies.put(other, signed.cookies.get(own));
        return csrf;
    }

    /** The route's request: a GET, or a POST of every form field with the token in the form and the header. */
    private static TestGateway.Answer send(Browserless browser, String route, Map<String, String> fill, String csrf,
            String... headers) {
        String path = path(route, fill);
        if (route.startsWith("GET ")) {
            return browser.get(path, headers);
        }
        Map<String, String> form = new LinkedHashMap<>(EVERY_FIELD);
        String[] withToken = headers;
        if (csrf != null) {
            form.put("csrf", csrf);
            withToken = java.util.stream.Stream.concat(java.util.Arrays.stream(headers),
                    java.util.stream.Stream.of(ConsoleWeb.CSRF_HEADER, csrf)).toArray(String[]::new);
        }
        return browser.post(path, form, withToken);
    }

    private static String path(String route, Map<String, String> fill) {
        String path = route.substring(route.indexOf(' ') + 1);
        if (path.startsWith("/admin/merchants/{app}/merchants/")) {
            path = path.replace("{id}", fill.get("merchantId"));
        }
        for (var e : fill.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }
        return path;
    }

    private static String baseOf(String route) {
        return route.contains(" /admin") ? "/admin" : "/portal";
    }

    /** The rows of every table a console form could change, audit rows of signing in left out. */
    private Map<String, List<String>> snapshot() {
        Map<String, List<String>> tables = new TreeMap<>();
        fx.gw.gateway.database().jdbi().useHandle(h -> {
            for (String table : GUARDED_TABLES) {
                tables.put(table, h.createQuery("SELECT * FROM " + table).mapToMap().list().stream()
                        .filter(row -> !SIGN_IN_ACTIONS.contains(String.valueOf(row.get("action")).toLowerCase()))
                        .map(row -> new TreeMap<>(row).toString()).sorted().toList());
            }
        });
        return tables;
    }
}
