package io.qfgate.server.domain;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * An owner manages the portal users of their own app: adds one, changes a role or a cashier's
 * refund limit, disables or enables one. Every change is written to the audit log (never a
 * password). An owner cannot disable themself, and no change leaves an app without an enabled
 * owner (the store checks that with the app's owners locked, so two owners demoting each other
 * at once cannot both succeed). A disabled user's sessions end at once, on every node.
 */
public final class PortalStaff {
    /** The largest refund limit an owner can set, in minor units. */
    public static final long MAX_REFUND_LIMIT = 1_000_000_000_000L;
    private static final int GENERATED_PASSWORD_LENGTH = 16;

    /** A portal user as the staff page lists them. */
    public record Member(long id, String username, PortalRole role, Long refundLimit, boolean disabled,
            LocalDateTime createdAt) {}

    /** What the store did with a change. */
    public enum Change { DONE, NOT_FOUND, LAST_OWNER }

    /** Why a request was refused; each has a message on the page. */
    public enum Problem { NOT_OWNER, NOT_FOUND, LAST_OWNER, SELF, BAD_USERNAME, TAKEN, BAD_PASSWORD, BAD_ROLE, BAD_LIMIT }

    public static final class Refused extends RuntimeException {
        private final Problem problem;

        public Refused(Problem problem) {
            super(problem.name(), null, false, false);
            this.problem = problem;
        }

        public Problem problem() {
            return problem;
        }
    }

    /** A new user, and the password the gateway made for them (null when the owner chose one): shown once. */
    public record Created(Member member, String generatedPassword) {}

    /** The portal users of an app, as storage keeps them; every method is scoped to the app. */
    public interface Store {
        List<Member> membersOf(long appId);

        Optional<Member> member(long appId, long userId);

        /** Sets role and refund limit unless that leaves the app without an enabled owner. */
        Change change(long appId, long userId, PortalRole role, Long refundLimit);

        /** Disables or enables unless disabling leaves the app without an enabled owner. */
        Change setDisabled(long appId, long userId, boolean disabled);

        /** Ends every session of the portal user. */
        void endSessions(long userId);
    }

    private final Store store;
    private final ConsoleStores.Accounts accounts;
    private final ConsoleStores.AuditLog audit;
    private final Clock clock;
    private final ZoneOffset zone;

    public PortalStaff(Store store, ConsoleStores.Accounts accounts, ConsoleStores.AuditLog audit, Clock clock,
            ZoneOffset zone) {
        this.store = store;
        this.accounts = accounts;
        this.audit = audit;
        this.clock = clock;
        this.zone = zone;
    }

    /** The users of the owner's app, oldest first. */
    public List<Member> list(ConsoleAccount owner) {
        return store.membersOf(ownersApp(owner));
    }

    /** A new user of the owner's app; {@code password} null or blank makes a random one, returned once. */
    public Created create(ConsoleAccount owner, String username, PortalRole role, Long refundLimit, String password,
            String ip) {
        long appId = ownersApp(owner);
        Long limit = checkedLimit(role, refundLimit);
        String name = ConsoleAuth.normal(username);
        if (!ConsoleAuth.USERNAME.matcher(name).matches()) {
            throw new Refused(Problem.BAD_USERNAME);
        }
        boolean generate = password == null || password.isBlank();
        String chosen = generate ? ConsoleAuth.randomToken().substring(0, GENERATED_PASSWORD_LENGTH) : password;
        if (Passwords.problemWith(chosen) != null) {
            throw new Refused(Problem.BAD_PASSWORD);
        }
        LocalDateTime now = now();
        ConsoleAccount made = accounts.create(ConsoleAccount.portalUser(0, name, ConsoleAuth.checkedHash(chosen), appId,
                role, limit), now).orElseThrow(() -> new Refused(Problem.TAKEN));
        log(owner, AuditAction.ACCOUNT_CREATED, "user " + name + " (#" + made.id() + "), " + describe(role, limit), ip);
        Member member = store.member(appId, made.id()).orElseThrow();
        return new Created(member, generate ? chosen : null);
    }

    /** A new role (and refund limit, for a cashier) for a user of the owner's app. */
    public void change(ConsoleAccount owner, long userId, PortalRole role, Long refundLimit, String ip) {
        long appId = ownersApp(owner);
        Long limit = checkedLimit(role, refundLimit);
        Member before = store.member(appId, userId).orElseThrow(() -> new Refused(Problem.NOT_FOUND));
        outcome(store.change(appId, userId, role, limit));
        log(owner, AuditAction.USER_CHANGED, "user " + before.username() + " (#" + userId + "): "
                + describe(before.role(), before.refundLimit()) + " -> " + describe(role, limit), ip);
    }

    /** Disables (ending their sessions at once) or enables a user of the owner's app; never the owner themself. */
    public void setDisabled(ConsoleAccount owner, long userId, boolean disabled, String ip) {
        long appId = ownersApp(owner);
        if (userId == owner.id()) {
            throw new Refused(Problem.SELF);
        }
        Member member = store.member(appId, userId).orElseThrow(() -> new Refused(Problem.NOT_FOUND));
        outcome(store.setDisabled(appId, userId, disabled));
        if (disabled) {
            store.endSessions(userId);
        }
        log(owner, disabled ? AuditAction.USER_DISABLED : AuditAction.USER_ENABLED,
                "user " + member.username() + " (#" + userId + ")", ip);
    }

    private static void outcome(Change change) {
        switch (change) {
            case DONE -> { }
            case NOT_FOUND -> throw new Refused(Problem.NOT_FOUND);
            case LAST_OWNER -> throw new Refused(Problem.LAST_OWNER);
        }
    }

    /** Only an owner manages staff, and only their own app's. */
    static long ownersApp(ConsoleAccount account) {
        if (account.kind() != ConsoleKind.PORTAL || account.role() != PortalRole.OWNER) {
            throw new Refused(Problem.NOT_OWNER);
        }
        return account.appId();
    }

    private static Long checkedLimit(PortalRole role, Long refundLimit) {
        if (role != PortalRole.CASHIER) {
            return null;
        }
        if (refundLimit == null || refundLimit < 0 || refundLimit > MAX_REFUND_LIMIT) {
            throw new Refused(Problem.BAD_LIMIT);
        }
        return refundLimit;
    }

    private static String describe(PortalRole role, Long limit) {
        return "role " + role.dbName() + (limit == null ? "" : ", refund limit " + limit);
    }

    private void log(ConsoleAccount owner, AuditAction action, String detail, String ip) {
        audit.append(new AuditEntry(now(), owner.kind(), owner.id(), owner.username(), action, detail,
                ip == null || ip.length() <= 64 ? ip : ip.substring(0, 64)));
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }
}
