package io.qfgate.server.web.console;

import static io.qfgate.server.web.console.PortalFixture.PASSWORD;
import static io.qfgate.server.web.console.PortalFixture.submit;
import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestGateway;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.AuditEntry;
import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.store.SqlAuditLog;
import io.qfgate.server.store.SqlConsoleAccounts;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** An owner manages their own app's portal users, and nobody else's; every change is audited. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class PortalStaffTest {
    private static final Pattern SHOWN_PASSWORD = Pattern.compile("class=\"console-code more-key\">([^<]+)<");

    @Parameter
    String db;

    PortalFixture f;
    Browserless owner;
    long ownerId;

    @BeforeEach
    void start() {
        f = new PortalFixture(db, UnaryOperator.identity());
        owner = f.demoOwner();
        ownerId = account("demo-owner").id();
    }

    @AfterEach
    void stop() {
        f.close();
    }

    ConsoleAccount account(String username) {
        return new SqlConsoleAccounts(f.gw.gateway.database()).byUsername(ConsoleKind.PORTAL, username).orElseThrow();
    }

    List<AuditEntry> audit() {
        return new SqlAuditLog(f.gw.gateway.database()).newest(100);
    }

    @Test
    void anOwnerAddsACashierWithAGeneratedPasswordShownOnce() {
        TestGateway.Answer made = submit(owner, "/portal/staff", "username", "Till-7", "role", "cashier",
                "refund_limit", "50000", "password", "");
        assertThat(made.status()).isEqualTo(200);
        Matcher m = SHOWN_PASSWORD.matcher(Browserless.text(made));
        assertThat(m.find()).as(Browserless.text(made)).isTrue();
        String password = m.group(1);

        assertThat(account("till-7").role()).isEqualTo(PortalRole.CASHIER);
        assertThat(account("till-7").refundLimit()).isEqualTo(50_000L);
        assertThat(Browserless.text(f.signedIn("till-7", password).get("/portal/"))).contains("Cashier", "50000");
        assertThat(Browserless.text(owner.get("/portal/staff"))).contains("till-7").doesNotContain(password);
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.ACCOUNT_CREATED && e.username().equals("demo-owner")
                && e.detail().contains("till-7"));
        assertThat(audit()).allSatisfy(e -> assertThat(String.valueOf(e.detail())).doesNotContain(password));
    }

    @Test
    void anOwnerChoosesAPasswordChangesRoleAndLimit() {
        submit(owner, "/portal/staff", "username", "reader", "role", "viewer", "password", PASSWORD);
        long id = account("reader").id();
        assertThat(submit(owner, "/portal/staff/" + id + "/role", "role", "cashier", "refund_limit", "1200").status())
                .isEqualTo(200);
        assertThat(account("reader").refundLimit()).isEqualTo(1200L);
        assertThat(submit(owner, "/portal/staff/" + id + "/role", "role", "cashier", "refund_limit", "-1").status())
                .isEqualTo(400);
        assertThat(submit(owner, "/portal/staff/" + id + "/role", "role", "cashier", "refund_limit", "").status())
                .isEqualTo(400);
        assertThat(account("reader").refundLimit()).isEqualTo(1200L);
        assertThat(submit(owner, "/portal/staff", "username", "x", "role", "viewer", "password", "").status())
                .isEqualTo(400);
        assertThat(submit(owner, "/portal/staff", "username", "reader", "role", "viewer", "password", "").status())
                .as("taken").isEqualTo(409);
        assertThat(submit(owner, "/portal/staff", "username", "shorty", "role", "viewer", "password", "short").status())
                .isEqualTo(400);
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.USER_CHANGED
                && e.detail().contains("role viewer -> role cashier, refund limit 1200"));
    }

    @Test
    void aDisabledUsersSessionEndsAtOnceAndTheyCannotSignIn() {
        f.accounts.createPortalUser(f.demo.id(), "till-2", PASSWORD, PortalRole.CASHIER, 10L);
        Browserless till = f.signedIn("till-2", PASSWORD);
        long id = account("till-2").id();

        assertThat(submit(owner, "/portal/staff/" + id + "/access", "action", "disable").status()).isEqualTo(200);
        assertThat(till.get("/portal/").status()).as("the open session").isEqualTo(303);
        assertThat(new Browserless(f.gw, "/portal").signIn("till-2", PASSWORD).status()).isEqualTo(401);
        assertThat(Browserless.text(owner.get("/portal/staff"))).contains("till-2", "disabled");

        assertThat(submit(owner, "/portal/staff/" + id + "/access", "action", "enable").status()).isEqualTo(200);
        assertThat(f.signedIn("till-2", PASSWORD).get("/portal/").status()).isEqualTo(200);
        assertThat(audit()).anyMatch(e -> e.action() == AuditAction.USER_DISABLED)
                .anyMatch(e -> e.action() == AuditAction.USER_ENABLED);
    }

    @Test
    void theLastOwnerCannotBeDemotedAndNoOwnerDisablesThemself() {
        assertThat(submit(owner, "/portal/staff/" + ownerId + "/access", "action", "disable").status()).isEqualTo(409);
        assertThat(submit(owner, "/portal/staff/" + ownerId + "/role", "role", "viewer").status()).isEqualTo(409);
        assertThat(account("demo-owner").role()).isEqualTo(PortalRole.OWNER);

        f.accounts.createPortalUser(f.demo.id(), "second-owner", PASSWORD, PortalRole.OWNER, null);
        assertThat(submit(owner, "/portal/staff/" + ownerId + "/role", "role", "viewer").status()).isEqualTo(200);
        assertThat(account("demo-owner").role()).isEqualTo(PortalRole.VIEWER);
        assertThat(owner.get("/portal/staff").status()).as("no longer an owner").isEqualTo(403);

        Browserless second = f.signedIn("second-owner", PASSWORD);
        long secondId = account("second-owner").id();
        assertThat(submit(second, "/portal/staff/" + secondId + "/role", "role", "cashier", "refund_limit", "1")
                .status()).as("now the last owner").isEqualTo(409);
    }

    @Test
    void cashiersAndViewersAreRefusedEveryStaffAction() {
        f.accounts.createPortalUser(f.demo.id(), "till-3", PASSWORD, PortalRole.CASHIER, 10L);
        f.accounts.createPortalUser(f.demo.id(), "reader-3", PASSWORD, PortalRole.VIEWER, null);
        long target = account("till-3").id();
        for (String name : List.of("till-3", "reader-3")) {
            Browserless user = f.signedIn(name, PASSWORD);
            assertThat(user.get("/portal/staff").status()).as(name).isEqualTo(403);
            assertThat(submit(user, "/portal/staff", "username", "sneaky", "role", "owner", "password", PASSWORD)
                    .status()).as(name).isEqualTo(403);
            assertThat(submit(user, "/portal/staff/" + target + "/role", "role", "owner").status()).as(name)
                    .isEqualTo(403);
            assertThat(submit(user, "/portal/staff/" + ownerId + "/access", "action", "disable").status()).as(name)
                    .isEqualTo(403);
        }
        assertThat(new SqlConsoleAccounts(f.gw.gateway.database()).byUsername(ConsoleKind.PORTAL, "sneaky")).isEmpty();
        assertThat(account("till-3").role()).isEqualTo(PortalRole.CASHIER);
        assertThat(owner.get("/portal/").status()).isEqualTo(200);
    }

    @Test
    void anOwnerCannotSeeOrTouchAnotherMerchantsUsers() {
        Browserless other = f.signedIn("other-owner", PASSWORD);
        assertThat(Browserless.text(other.get("/portal/staff"))).contains("other-owner").doesNotContain("demo-owner");
        assertThat(submit(other, "/portal/staff/" + ownerId + "/role", "role", "viewer").status()).isEqualTo(404);
        assertThat(submit(other, "/portal/staff/" + ownerId + "/access", "action", "disable").status()).isEqualTo(404);
        assertThat(submit(other, "/portal/staff/not-a-number/access", "action", "disable").status()).isEqualTo(404);
        assertThat(account("demo-owner").role()).isEqualTo(PortalRole.OWNER);
        assertThat(owner.get("/portal/staff").status()).as("still signed in and an owner").isEqualTo(200);
    }
}
