package io.qfgate.server.store;

import io.qfgate.server.domain.ConsoleAccount;
import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.ConsoleStores;
import io.qfgate.server.domain.PortalRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The consoles' accounts: {@code operators} and {@code portal_users}, one table per console. */
public final class SqlConsoleAccounts implements ConsoleStores.Accounts {
    private final Jdbi jdbi;

    public SqlConsoleAccounts(Database database) {
        this.jdbi = database.jdbi();
    }

    private static String table(ConsoleKind kind) {
        return kind == ConsoleKind.OPERATOR ? "operators" : "portal_users";
    }

    /** The accounts that may sign in: a disabled portal user is as good as gone (its sessions end at once). */
    private static String signable(ConsoleKind kind) {
        return kind == ConsoleKind.OPERATOR ? "" : " AND disabled = FALSE";
    }

    @Override
    public Optional<ConsoleAccount> byUsername(ConsoleKind kind, String username) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table(kind) + " WHERE username = :username" + signable(kind))
                .bind("username", username)
                .map((rs, ctx) -> read(kind, rs))
                .findOne());
    }

    @Override
    public Optional<ConsoleAccount> byId(ConsoleKind kind, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM " + table(kind) + " WHERE id = :id" + signable(kind))
                .bind("id", id)
                .map((rs, ctx) -> read(kind, rs))
                .findOne());
    }

    @Override
    public Optional<ConsoleAccount> create(ConsoleAccount a, LocalDateTime now) {
        String sql = a.kind() == ConsoleKind.OPERATOR
                ? "INSERT INTO operators (username, password_hash, created_at) VALUES (:username, :hash, :now)"
                : """
                  INSERT INTO portal_users (app_id, username, password_hash, role, refund_limit, created_at)
                  VALUES (:appId, :username, :hash, :role, :refundLimit, :now)""";
        try {
            long id = jdbi.withHandle(h -> h.createUpdate(sql)
                    .bind("username", a.username())
                    .bind("hash", a.passwordHash())
                    .bind("appId", a.appId())
                    .bind("role", a.role() == null ? null : a.role().dbName())
                    .bind("refundLimit", a.refundLimit())
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
            return Optional.of(a.withId(id));
        } catch (UnableToExecuteStatementException e) {
            if (Database.isUniqueViolation(e)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static ConsoleAccount read(ConsoleKind kind, ResultSet rs) throws SQLException {
        if (kind == ConsoleKind.OPERATOR) {
            return ConsoleAccount.operator(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"));
        }
        return ConsoleAccount.portalUser(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                rs.getLong("app_id"), PortalRole.fromDb(rs.getString("role")), rs.getObject("refund_limit", Long.class));
    }
}
