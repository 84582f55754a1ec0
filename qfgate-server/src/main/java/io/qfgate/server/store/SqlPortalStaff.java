package io.qfgate.server.store;

import io.qfgate.server.domain.PortalRole;
import io.qfgate.server.domain.PortalStaff;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** The portal users of an app, as their owners manage them ({@code portal_users}); every query names the app. */
public final class SqlPortalStaff implements PortalStaff.Store {
    private final Jdbi jdbi;

    public SqlPortalStaff(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<PortalStaff.Member> membersOf(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM portal_users WHERE app_id = :app ORDER BY id")
                .bind("app", appId)
                .map((rs, ctx) -> read(rs))
                .list());
    }

    @Override
    public Optional<PortalStaff.Member> member(long appId, long userId) {
        return jdbi.withHandle(h -> find(h, appId, userId));
    }

    @Override
    public PortalStaff.Change change(long appId, long userId, PortalRole role, Long refundLimit) {
        return guarded(appId, userId, role != PortalRole.OWNER, h -> h.createUpdate("""
                        UPDATE portal_users SET role = :role, refund_limit = :limit WHERE id = :id AND app_id = :app""")
                .bind("role", role.dbName())
                .bind("limit", refundLimit)
                .bind("id", userId)
                .bind("app", appId)
                .execute());
    }

    @Override
    public PortalStaff.Change setDisabled(long appId, long userId, boolean disabled) {
        return guarded(appId, userId, disabled, h -> h.createUpdate(
                        "UPDATE portal_users SET disabled = :disabled WHERE id = :id AND app_id = :app")
                .bind("disabled", disabled)
                .bind("id", userId)
                .bind("app", appId)
                .execute());
    }

    @Override
    public void endSessions(long userId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE console = 'portal' AND account_id = :id")
                .bind("id", userId)
                .execute());
    }

    /**
     * Runs the update with the app's enabled owners locked, refusing it when {@code removesOwner}
     * and the user is the last of them: concurrent changes to one app's owners take turns.
     */
    private PortalStaff.Change guarded(long appId, long userId, boolean removesOwner,
            org.jdbi.v3.core.HandleCallback<Integer, RuntimeException> update) {
        return jdbi.inTransaction(h -> {
            List<Long> owners = h.createQuery("""
                            SELECT id FROM portal_users WHERE app_id = :app AND role = 'owner' AND disabled = FALSE
                            FOR UPDATE""")
                    .bind("app", appId)
                    .mapTo(Long.class)
                    .list();
            Optional<PortalStaff.Member> member = find(h, appId, userId);
            if (member.isEmpty()) {
                return PortalStaff.Change.NOT_FOUND;
            }
            if (removesOwner && owners.equals(List.of(userId))) {
                return PortalStaff.Change.LAST_OWNER;
            }
            return update.withHandle(h) == 1 ? PortalStaff.Change.DONE : PortalStaff.Change.NOT_FOUND;
        });
    }

    private static Optional<PortalStaff.Member> find(Handle h, long appId, long userId) {
        return h.createQuery("SELECT * FROM portal_users WHERE id = :id AND app_id = :app")
                .bind("id", userId)
                .bind("app", appId)
                .map((rs, ctx) -> read(rs))
                .findOne();
    }

    private static PortalStaff.Member read(ResultSet rs) throws SQLException {
        return new PortalStaff.Member(rs.getLong("id"), rs.getString("username"), PortalRole.fromDb(rs.getString("role")),
                rs.getObject("refund_limit", Long.class), rs.getBoolean("disabled"),
                rs.getObject("created_at", LocalDateTime.class));
    }
}
