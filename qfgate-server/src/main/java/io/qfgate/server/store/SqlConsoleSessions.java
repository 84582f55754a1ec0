package io.qfgate.server.store;

import io.qfgate.server.domain.ConsoleKind;
import io.qfgate.server.domain.ConsoleStores;
import java.time.LocalDateTime;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Signed-in sessions ({@code console_sessions}) and failed sign-ins ({@code sign_in_failures}). */
public final class SqlConsoleSessions implements ConsoleStores.Sessions, ConsoleStores.Failures {
    private final Jdbi jdbi;

    public SqlConsoleSessions(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public void insert(ConsoleStores.Session s) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO console_sessions (token_hash, console, account_id, csrf_token, created_at, last_seen_at)
                        VALUES (:tokenHash, :console, :accountId, :csrf, :createdAt, :lastSeenAt)""")
                .bind("tokenHash", s.tokenHash())
                .bind("console", s.kind().dbName())
                .bind("accountId", s.accountId())
                .bind("csrf", s.csrfToken())
                .bind("createdAt", s.createdAt())
                .bind("lastSeenAt", s.lastSeenAt())
                .execute());
    }

    @Override
    public Optional<ConsoleStores.Session> byTokenHash(String tokenHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM console_sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .map((rs, ctx) -> new ConsoleStores.Session(rs.getString("token_hash"),
                        ConsoleKind.fromDb(rs.getString("console")), rs.getLong("account_id"), rs.getString("csrf_token"),
                        rs.getObject("created_at", LocalDateTime.class), rs.getObject("last_seen_at", LocalDateTime.class)))
                .findOne());
    }

    @Override
    public boolean touch(String tokenHash, LocalDateTime lastSeenAt) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE console_sessions SET last_seen_at = :at WHERE token_hash = :tokenHash")
                .bind("at", lastSeenAt)
                .bind("tokenHash", tokenHash)
                .execute()) == 1;
    }

    @Override
    public void delete(String tokenHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM console_sessions WHERE token_hash = :tokenHash")
                .bind("tokenHash", tokenHash)
                .execute());
    }

    @Override
    public void deleteExpired(LocalDateTime idleBefore, LocalDateTime createdBefore) {
        jdbi.useHandle(h -> h.createUpdate(
                        "DELETE FROM console_sessions WHERE last_seen_at < :idleBefore OR created_at < :createdBefore")
                .bind("idleBefore", idleBefore)
                .bind("createdBefore", createdBefore)
                .execute());
    }

    @Override
    public void record(ConsoleKind kind, String username, String ip, LocalDateTime at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO sign_in_failures (console, username, ip, failed_at)
                        VALUES (:console, :username, :ip, :at)""")
                .bind("console", kind.dbName())
                .bind("username", username)
                .bind("ip", ip)
                .bind("at", at)
                .execute());
    }

    @Override
    public int countForAccount(ConsoleKind kind, String username, LocalDateTime since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COUNT(*) FROM sign_in_failures
                        WHERE console = :console AND username = :username AND failed_at > :since""")
                .bind("console", kind.dbName())
                .bind("username", username)
                .bind("since", since)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public int countForAddress(String ip, LocalDateTime since) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT COUNT(*) FROM sign_in_failures WHERE ip = :ip AND failed_at > :since")
                .bind("ip", ip)
                .bind("since", since)
                .mapTo(Integer.class)
                .one());
    }

    @Override
    public void clearAccount(ConsoleKind kind, String username) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE console = :console AND username = :username")
                .bind("console", kind.dbName())
                .bind("username", username)
                .execute());
    }

    @Override
    public void deleteBefore(LocalDateTime before) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM sign_in_failures WHERE failed_at <= :before")
                .bind("before", before)
                .execute());
    }
}
