package io.qfgate.server.domain;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

/** What the consoles need from storage; implemented over SQL in {@code store/}. */
public final class ConsoleStores {
    private ConsoleStores() {}

    public interface Accounts {
        Optional<ConsoleAccount> byUsername(ConsoleKind kind, String username);

        Optional<ConsoleAccount> byId(ConsoleKind kind, long id);

        /** Stores the account; empty if its console already has that username. */
        Optional<ConsoleAccount> create(ConsoleAccount account, LocalDateTime now);
    }

    /** A signed-in session as stored: only the SHA-256 of its token, never the token. */
    public record Session(String tokenHash, ConsoleKind kind, long accountId, String csrfToken,
            LocalDateTime createdAt, LocalDateTime lastSeenAt) {}

    public interface Sessions {
        void insert(Session session);

        Optional<Session> byTokenHash(String tokenHash);

        /** Slides the idle expiry; false if the session is gone. */
        boolean touch(String tokenHash, LocalDateTime lastSeenAt);

        void delete(String tokenHash);

        /** Removes sessions idle since before {@code idleBefore} or made before {@code createdBefore}. */
        void deleteExpired(LocalDateTime idleBefore, LocalDateTime createdBefore);
    }

    /** Failed sign-ins, counted per account name and per address across every node. */
    public interface Failures {
        void record(ConsoleKind kind, String username, String ip, LocalDateTime at);

        int countForAccount(ConsoleKind kind, String username, LocalDateTime since);

        int countForAddress(String ip, LocalDateTime since);

        /** A successful sign-in forgets the account's failures. */
        void clearAccount(ConsoleKind kind, String username);

        /** Forgets failures too old to count. */
        void deleteBefore(LocalDateTime before);
    }

    /** The audit log: rows are added, never changed or removed. */
    public interface AuditLog {
        void append(AuditEntry entry);
    }

    /** The apps and merchants, as the operators' console lists them. */
    public interface Directory {
        List<App> apps();

        List<Merchant> merchantsOf(long appId);
    }
}
