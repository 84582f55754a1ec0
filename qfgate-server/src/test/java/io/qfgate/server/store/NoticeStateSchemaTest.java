package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.NoticeState;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The notice states the code knows are the ones the schema allows: a state added, renamed or
 * dropped on one side only fails here, not on a notification in production.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class NoticeStateSchemaTest {
    /** A quoted value in a CHECK clause: H2 writes {@code 'pending'}, PostgreSQL {@code 'pending'::character varying}. */
    static final Pattern QUOTED = Pattern.compile("'([^']*)'");

    @Parameter
    String db;

    @Test
    void theNoticeStatesAreExactlyTheValuesTheNotificationsStateCheckAllows() {
        assertThat(allowedByTheSchema()).isEqualTo(
                Arrays.stream(NoticeState.values()).map(NoticeState::code).collect(Collectors.toSet()));
    }

    /** The quoted values of the CHECK constraints on notifications.state, as the migrated database reports them. */
    private Set<String> allowedByTheSchema() {
        try (Database database = Database.open(TestDatabases.fresh(db), 2, TestKeys.fresh())) {
            List<String> clauses = database.jdbi().withHandle(h -> h.createQuery("""
                            SELECT cc.check_clause FROM information_schema.check_constraints cc
                            JOIN information_schema.constraint_column_usage u
                              ON u.constraint_schema = cc.constraint_schema AND u.constraint_name = cc.constraint_name
                            WHERE u.table_name = 'notifications' AND u.column_name = 'state'""")
                    .mapTo(String.class)
                    .list());
            assertThat(clauses).as("CHECK clauses on notifications.state").isNotEmpty();
            return clauses.stream().flatMap(clause -> QUOTED.matcher(clause).results().map(m -> m.group(1)))
                    .collect(Collectors.toSet());
        }
    }
}
