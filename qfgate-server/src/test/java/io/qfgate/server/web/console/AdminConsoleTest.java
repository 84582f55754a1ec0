package io.qfgate.server.web.console;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.store.SqlAlipayAccounts;
import io.qfgate.server.store.SqlApps;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlSandboxPartner;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The operators' console's merchants, Alipay and audit pages: what an operator does there reaches
 * the API and the portal, goes through the command line's checks, and is written to the audit log.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class AdminConsoleTest {
    private static final String MD5_KEY = "productionmd5key0123456789abcdef";

    @Parameter
    String db;

    TestGateway gw;
    Browserless operator;

    @BeforeEach
    void start() {
        gw = new TestGateway(db);
        operator = new Browserless(gw, "/admin");
        assertThat(operator.signIn(gw.demo().operator().username(), gw.demo().operator().password()).status())
                .isEqualTo(303);
    }

    @AfterEach
    void stop() {
        gw.close();
    }

    @Test
    void aMerchantCreatedInTheConsolePaysAtOnceAndIsRefusedOnceItsAppIsDisabled() {
        TestGateway.Answer created = post("/admin/merchants", "kind", "merchant", "name", "Tea House", "mcc", "5812",
                "payTypes", "801101", "currencies", "HKD");
        assertThat(created.status()).isEqualTo(201);
        String appCode = shown(created, "app_code");
        String clientKey = shown(created, "client_key");
        assertThat(pay(appCode, clientKey, "tea-1").field("respcd")).isEqualTo("0000");

        assertThat(post("/admin/merchants/" + appCode + "/app", "name", "Tea House Central", "perSecond", "50")
                .status()).isEqualTo(303);
        var app = new SqlApps(gw.gateway.database()).byAppCode(appCode).orElseThrow();
        assertThat(app.name()).isEqualTo("Tea House Central");
        assertThat(app.ratePerSecond()).isEqualTo(50);

        assertThat(post("/admin/merchants/" + appCode + "/enabled", "enabled", "false").status()).isEqualTo(303);
        assertThat(Browserless.text(operator.get("/admin/merchants/" + appCode))).contains("Disabled", "Enable app");
        TestGateway.Answer refused = pay(appCode, clientKey, "tea-2");
        assertThat(refused.field("respcd")).isEqualTo("1107");

        assertThat(post("/admin/merchants/" + appCode + "/enabled", "enabled", "true").status()).isEqualTo(303);
        assertThat(pay(appCode, clientKey, "tea-3").field("respcd")).isEqualTo("0000");
        assertThat(auditActions()).contains(AuditAction.MERCHANT_CREATED, AuditAction.MERCHANT_CHANGED,
                AuditAction.APP_DISABLED, AuditAction.APP_ENABLED);
        assertThat(auditDetails()).noneMatch(detail -> detail.contains(clientKey));
    }

    @Test
    void anAgentGetsSubMerchantsWhoseSettingsTheOperatorChanges() {
        String agentCode = shown(post("/admin/merchants", "kind", "agent", "name", "Harbour Agent"), "app_code");
        TestGateway.Answer sub = post("/admin/merchants/" + agentCode + "/subs", "name", "Kiosk 1",
                "payTypes", "801107", "currencies", "CNY");
        assertThat(sub.status()).isEqualTo(201);
        String mchid = shown(sub, "mchid");
        var merchant = new SqlApps(gw.gateway.database()).merchantByMchid(mchid).orElseThrow();

        assertThat(post("/admin/merchants/" + agentCode + "/merchants/" + merchant.id(), "name", "Kiosk One",
                "payTypes", "801101", "currencies", "HKD").status()).isEqualTo(303);
        var changed = new SqlApps(gw.gateway.database()).merchantByMchid(mchid).orElseThrow();
        assertThat(changed.name()).isEqualTo("Kiosk One");
        assertThat(changed.enabled()).as("the box was not ticked").isFalse();
        assertThat(changed.currencies()).extracting(Enum::name).containsExactly("HKD");

        String other = "/admin/merchants/" + gw.demo().merchant().app_code() + "/merchants/" + merchant.id();
        assertThat(refusal(post(other, "name", "Taken Over"))).as("a merchant of another app")
                .contains("no merchant " + merchant.id());
        assertThat(new SqlApps(gw.gateway.database()).merchantByMchid(mchid).orElseThrow().name())
                .isEqualTo("Kiosk One");
    }

    @Test
    void badInputIsRefusedWithAMessageNamingTheFieldAndChangesNothing() {
        int apps = new SqlApps(gw.gateway.database()).allApps().size();
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", " ", "payTypes", "801101",
                "currencies", "HKD"))).contains("name: must have 1 to 128 characters");
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", "X", "mcc", "58a2",
                "payTypes", "801101", "currencies", "HKD"))).contains("mcc: must be 4 digits");
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", "X", "currencies", "HKD")))
                .contains("pay-types: name at least one pay type");
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", "X", "payTypes", "800101",
                "currencies", "HKD"))).as("a pay type no channel carries").contains("pay-types: no channel carries");
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", "X", "payTypes", "801101",
                "currencies", "XYZ"))).contains("currencies: unknown currency XYZ");
        assertThat(refusal(post("/admin/merchants", "kind", "merchant", "name", "X", "payTypes", "801101",
                "currencies", "HKD", "notifyUrl", "ftp://shop.example/notify"))).contains("notify URL");
        String demo = gw.demo().merchant().app_code();
        assertThat(refusal(post("/admin/merchants/" + demo + "/app", "perMinute", "0")))
                .contains("rate-per-minute: must be between 1 and 1000000");
        assertThat(refusal(post("/admin/merchants/" + demo + "/app", "perSecond", "many")))
                .contains("rate-per-second: must be a whole number");
        assertThat(new SqlApps(gw.gateway.database()).allApps()).hasSize(apps);
        assertThat(operator.get("/admin/merchants/NOSUCHAPP").status()).isEqualTo(404);
    }

    @Test
    void thePortalOwnerMadeInTheConsoleSignsInToThePortalWithTheGeneratedPassword() {
        String appCode = gw.demo().merchant().app_code();
        TestGateway.Answer made = post("/admin/merchants/" + appCode + "/owner", "username", "tea-owner");
        assertThat(made.status()).isEqualTo(201);
        String password = shown(made, "Password");
        assertThat(Browserless.text(operator.get("/admin/merchants/" + appCode))).doesNotContain(password);

        Browserless portal = new Browserless(gw, "/portal");
        assertThat(portal.signIn("tea-owner", password).status()).isEqualTo(303);
        assertThat(Browserless.text(portal.get("/portal/"))).contains("tea-owner", "Owner", "Demo Merchant");
        assertThat(auditDetails()).noneMatch(detail -> detail.contains(password));
        assertThat(refusal(post("/admin/merchants/" + appCode + "/owner", "username", "tea-owner")))
                .contains("username: the portal username tea-owner is taken");
    }

    @Test
    void theAlipayKeysAreWriteOnlyAndNeverReachThePageOrTheAuditLog() {
        assertThat(post("/admin/alipay", "partner", "2088123456789012", "signType", "MD5",
                "gatewayUrl", "https://intlmapi.alipay.com/gateway.do", "md5Key", MD5_KEY).status()).isEqualTo(303);
        assertThat(new SqlAlipayAccounts(gw.gateway.database()).load().orElseThrow().md5Key()).isEqualTo(MD5_KEY);
        String page = Browserless.text(operator.get("/admin/alipay"));
        assertThat(page).contains("2088123456789012", "https://intlmapi.alipay.com/gateway.do", "Production")
                .doesNotContain(MD5_KEY).contains(">set<");
        assertThat(auditActions()).contains(AuditAction.ALIPAY_SET);
        assertThat(auditDetails()).anyMatch(d -> d.contains("MD5 key replaced")).noneMatch(d -> d.contains(MD5_KEY));

        assertThat(post("/admin/alipay", "partner", "2088123456789099").status()).as("the key left empty is kept")
                .isEqualTo(303);
        assertThat(new SqlAlipayAccounts(gw.gateway.database()).load().orElseThrow().md5Key()).isEqualTo(MD5_KEY);

        assertThat(post("/admin/alipay/reset").status()).isEqualTo(303);
        assertThat(new SqlAlipayAccounts(gw.gateway.database()).load()).isEmpty();
        assertThat(auditActions()).contains(AuditAction.ALIPAY_RESET);
    }

    @Test
    void aProductionAccountIsRefusedTheSandboxesPartnerAndUrlAndMalformedValues() {
        var sandbox = new SqlSandboxPartner(gw.gateway.database()).load().orElseThrow();
        assertThat(refusal(post("/admin/alipay", "partner", sandbox.partner(), "signType", "MD5",
                "gatewayUrl", "https://intlmapi.alipay.com/gateway.do", "md5Key", MD5_KEY)))
                .contains("sandbox's own partner");
        assertThat(refusal(post("/admin/alipay", "partner", "2088123456789012", "signType", "MD5",
                "gatewayUrl", "https://intlmapi.alipay.com/gateway.do", "md5Key", sandbox.md5Key())))
                .contains("sandbox's own partner").doesNotContain(sandbox.md5Key());
        assertThat(refusal(post("/admin/alipay", "partner", "2088123456789012", "signType", "MD5",
                "gatewayUrl", gw.url("/alipay-sandbox/gateway.do"), "md5Key", MD5_KEY)))
                .contains("embedded sandbox");
        assertThat(refusal(post("/admin/alipay", "partner", "1234", "md5Key", MD5_KEY)))
                .contains("partner must be 2088 followed by 12 digits");
        assertThat(refusal(post("/admin/alipay", "partner", "2088123456789012", "gatewayUrl", "gateway.do",
                "md5Key", MD5_KEY))).contains("gateway URL must be");
        assertThat(refusal(post("/admin/alipay", "partner", "2088123456789012", "signType", "RSA2",
                "gatewayUrl", "https://intlmapi.alipay.com/gateway.do"))).contains("RSA private key is required");
        assertThat(new SqlAlipayAccounts(gw.gateway.database()).load()).isEmpty();
    }

    @Test
    void theAuditLogPagesNewestFirstAndFilters() {
        SqlAuditLog log = new SqlAuditLog(gw.gateway.database());
        for (int i = 0; i < 60; i++) {
            log.append(new AuditEntry(LocalDateTime.of(2026, 11, 1 + i % 20, 12, 0), ConsoleKind.OPERATOR, 1L,
                    i % 2 == 0 ? "alice" : "bob", AuditAction.MERCHANT_CHANGED, "change " + i, "10.0.0." + i));
        }
        String first = Browserless.text(operator.get("/admin/audit"));
        assertThat(first).contains("rel=\"next\"").doesNotContain("change 9<");
        Matcher older = Pattern.compile("href=\"(/admin/audit\\?[^\"]+)\" rel=\"next\"").matcher(first);
        assertThat(older.find()).isTrue();
        String second = Browserless.text(operator.get(older.group(1).replace("&amp;", "&")));
        assertThat(second).contains("change 0<", "change 9<", "10.0.0.9");

        String bobs = Browserless.text(operator.get("/admin/audit?actor=Bob&action=merchant_changed"));
        assertThat(bobs).contains("change 59<", "change 1<").doesNotContain("change 58<");
        String oneDay = Browserless.text(operator.get("/admin/audit?actor=alice&from=2026-11-03&to=2026-11-03"));
        assertThat(oneDay).contains("change 2<", "change 22<", "change 42<").doesNotContain("change 4<", "change 3<");
        assertThat(operator.get("/admin/audit?from=yesterday").status()).isEqualTo(422);
    }

    /** The value a page shows once under {@code label}. */
    private static String shown(TestGateway.Answer page, String label) {
        Matcher m = Pattern.compile("<dt>" + Pattern.quote(label) + "</dt><dd class=\"console-code\">([^<]+)</dd>")
                .matcher(Browserless.text(page));
        assertThat(m.find()).as("%s shown in %s", label, Browserless.text(page)).isTrue();
        return m.group(1);
    }

    /** A refused form: the page again, 422, with the problem as an alert. */
    private static String refusal(TestGateway.Answer page) {
        assertThat(page.status()).isEqualTo(422);
        Matcher m = Pattern.compile("role=\"alert\">([^<]*)<").matcher(Browserless.text(page));
        assertThat(m.find()).isTrue();
        return m.group(1).replace("&#39;", "'");
    }

    private TestGateway.Answer post(String path, String... fields) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("csrf", Browserless.csrfOf(operator.get("/admin/merchants")));
        for (int i = 0; i < fields.length; i += 2) {
            form.put(fields[i], fields[i + 1]);
        }
        return operator.post(path, form);
    }

    private TestGateway.Answer pay(String appCode, String clientKey, String order) {
        return gw.post("/trade/v1/payment", payment(order), appCode, clientKey);
    }

    private List<AuditAction> auditActions() {
        return new SqlAuditLog(gw.gateway.database()).newest(100).stream().map(AuditEntry::action).toList();
    }

    private List<String> auditDetails() {
        return new SqlAuditLog(gw.gateway.database()).newest(100).stream()
                .map(e -> e.detail() == null ? "" : e.detail()).toList();
    }
}
