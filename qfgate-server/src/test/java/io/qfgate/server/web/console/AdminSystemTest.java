package io.qfgate.server.web.console;

import static io.qfgate.server.TestGateway.payment;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestGateway;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** The operators' console's system page: the nodes on one database, the outbox and its resend. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class AdminSystemTest {
    @Parameter
    String db;

    final Secrets masterKey = TestKeys.fresh();
    TestGateway a;
    TestGateway b;
    Browserless operator;

    @BeforeEach
    void start() {
        String dbUrl = TestDatabases.fresh(db);
        a = new TestGateway(db, masterKey, c -> c.withDb(dbUrl));
        b = new TestGateway(db, masterKey, c -> c.withDb(dbUrl));
        operator = new Browserless(a, "/admin");
        operator.signIn(a.demo().operator().username(), a.demo().operator().password());
    }

    @AfterEach
    void stop() {
        b.close();
        a.close();
    }

    @Test
    void bothGatewaysOnOneDatabaseAreListedWithTheDatabaseAndVersion() {
        String page = eventually(() -> Browserless.text(operator.get("/admin/system")), p -> p.split("<tr>").length == 4);
        assertThat(page.split("<tr>")).as("a header row and one row per node").hasSize(4);
        assertThat(page).contains("this node", db.equals("h2") ? "H2 " : "PostgreSQL ", "Version");
    }

    @Test
    void aFailedNotificationIsListedAndResentThroughTheOutbox() {
        String syssn = a.post("/trade/v1/payment", payment("notice-1"), a.demo().merchant().app_code(),
                a.demo().merchant().client_key()).field("syssn");
        long appId = new io.qfgate.server.store.SqlApps(a.gateway.database())
                .byAppCode(a.demo().merchant().app_code()).orElseThrow().id();
        a.gateway.database().jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO notifications (syssn, app_id, notify_type, url, body, state, attempts, next_attempt_at,
                            created_at, settled_at)
                        VALUES (:syssn, :app, 'payment', 'http://127.0.0.1:9/notify', '{}', 'failed', 12, :t, :t, :t)""")
                .bind("syssn", syssn).bind("app", appId).bind("t", java.time.LocalDateTime.of(2026, 11, 27, 9, 0))
                .execute());
        String page = Browserless.text(operator.get("/admin/system"));
        assertThat(page).contains(syssn, "http://127.0.0.1:9/notify", "Resend every failed notification");

        String csrf = Browserless.csrfOf(operator.get("/admin/system"));
        TestGateway.Answer resent = operator.post("/admin/system/resend", Map.of("csrf", csrf, "all", "all"));
        assertThat(resent.header("Location")).isEqualTo("/admin/system?resent=1");
        String state = a.gateway.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT state FROM notifications WHERE syssn = :s").bind("s", syssn).mapTo(String.class).one());
        assertThat(state).isNotEqualTo("failed");
        assertThat(Browserless.text(operator.get("/admin/system?resent=1"))).contains("1 notification(s) queued")
                .doesNotContain("http://127.0.0.1:9/notify");
        assertThat(new SqlAuditLog(a.gateway.database()).newest(10)).extracting(AuditEntry::action)
                .contains(AuditAction.NOTICES_RESENT);
        assertThat(operator.post("/admin/system/resend", Map.of("csrf", csrf)).status()).isEqualTo(422);
    }

    /** Polls until {@code done} (the heartbeat runs on the gateways' own threads); no timing is asserted. */
    private static String eventually(Supplier<String> read, java.util.function.Predicate<String> done) {
        Instant until = Instant.now().plus(Duration.ofSeconds(20));
        String value = read.get();
        while (!done.test(value) && Instant.now().isBefore(until)) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            value = read.get();
        }
        return value;
    }
}
