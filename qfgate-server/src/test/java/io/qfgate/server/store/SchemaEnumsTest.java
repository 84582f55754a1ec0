package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.AuditAction;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.domain.OrderType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The values a column's CHECK allows are exactly its enum's: a value added to one and not the
 * other fails here, not when the first such row is written.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class SchemaEnumsTest {
    private static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Parameter
    String db;

    Database database;

    @BeforeEach
    void open() {
        database = Database.open(TestDatabases.fresh(db), 2, TestKeys.fresh());
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void transactionsOrderTypeAllowsExactlyTheOrderTypes() {
        assertThat(checkedValues("transactions", "order_type")).isEqualTo(dbNames(OrderType.values()));
    }

    @Test
    void notificationsNotifyTypeAllowsExactlyTheOrderTypes() {
        assertThat(checkedValues("notifications", "notify_type")).isEqualTo(dbNames(OrderType.values()));
    }

    @Test
    void appsKindAllowsExactlyTheAppKinds() {
        assertThat(checkedValues("apps", "kind"))
                .isEqualTo(new TreeSet<>(Arrays.stream(App.Kind.values()).map(App.Kind::dbName).toList()));
    }

    @Test
    void portalUsersRoleAllowsExactlyThePortalRoles() {
        assertThat(checkedValues("portal_users", "role"))
                .isEqualTo(new TreeSet<>(Arrays.stream(PortalRole.values()).map(PortalRole::dbName).toList()));
    }

    @Test
    void theConsoleColumnsAllowExactlyTheConsoleKinds() {
        Set<String> kinds = new TreeSet<>(Arrays.stream(ConsoleKind.values()).map(ConsoleKind::dbName).toList());
        assertThat(checkedValues("console_sessions", "console")).isEqualTo(kinds);
        assertThat(checkedValues("sign_in_failures", "console")).isEqualTo(kinds);
        assertThat(checkedValues("audit_log", "console")).isEqualTo(kinds);
    }

    @Test
    void auditLogActionAllowsExactlyTheAuditActions() {
        assertThat(checkedValues("audit_log", "action"))
                .isEqualTo(new TreeSet<>(Arrays.stream(AuditAction.values()).map(AuditAction::dbName).toList()));
    }

    @Test
    void sandboxPartnerSignTypeAllowsExactlyTheSignTypes() {
        assertThat(checkedValues("sandbox_partner", "sign_type")).isEqualTo(new TreeSet<>(
                Arrays.stream(SqlSandboxPartner.SignType.values()).map(Enum::name).toList()));
    }

    @Test
    void sandboxCustomsStatusAllowsExactlyTheDesksStatuses() {
        assertThat(checkedValues("sandbox_customs", "status")).isEqualTo(new TreeSet<>(
                Arrays.stream(io.qfgate.sandbox.customs.CustomsDesk.Status.values()).map(Enum::name).toList()));
    }

    private static Set<String> dbNames(OrderType[] types) {
        return new TreeSet<>(Arrays.stream(types).map(OrderType::dbName).toList());
    }

    /** The quoted literals of the CHECK constraints on one column, as the database reports them. */
    private Set<String> checkedValues(String table, String column) {
        List<String> clauses = database.jdbi().withHandle(h -> h.createQuery("""
                        SELECT cc.check_clause
                        FROM information_schema.check_constraints cc
                        JOIN information_schema.constraint_column_usage u
                          ON u.constraint_schema = cc.constraint_schema AND u.constraint_name = cc.constraint_name
                        WHERE LOWER(u.table_name) = :table AND LOWER(u.column_name) = :column""")
                .bind("table", table)
                .bind("column", column)
                .mapTo(String.class)
                .list());
        assertThat(clauses).as("CHECK constraints on %s.%s", table, column).isNotEmpty();
        Set<String> values = new TreeSet<>();
        for (String clause : clauses) {
            Matcher m = QUOTED.matcher(clause);
            while (m.find()) {
                values.add(m.group(1));
            }
        }
        return values;
    }
}
