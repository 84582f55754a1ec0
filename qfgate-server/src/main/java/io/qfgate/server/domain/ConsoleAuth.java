package io.qfgate.server.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Signing in to the consoles: accounts and their passwords, sessions, the throttle on failed
 * sign-ins, and the audit log of each of them. Everything is in the database, so every node
 * behind a load balancer sees the same sessions and counts the same failures.
 *
 * <p>A session is a random 256-bit token in the browser; the database keeps only its SHA-256, so
 * reading the database gives no live session. It ends when idle for {@link Settings#idle} (each
 * request slides it), at {@link Settings#absolute} after sign-in, or at sign-out.
 */
public final class ConsoleAuth {
    /** Usernames: lower case, 3 to 64 characters, as an e-mail address or a plain name. */
    public static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{2,63}");
    private static final int MAX_IP = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long sessions last and how many failures lock an account or an address out. */
    public record Settings(Duration idle, Duration absolute, int accountFailures, int addressFailures,
            Duration window) {
        /** 30 min idle, 12 h at most; 5 failures per account or 20 per address in 15 min lock for up to 15 min. */
        public static Settings defaults() {
            return new Settings(Duration.ofMinutes(30), Duration.ofHours(12), 5, 20, Duration.ofMinutes(15));
        }
    }

    public enum Outcome { SIGNED_IN, WRONG_PASSWORD, LOCKED_OUT }

    /** A sign-in's outcome; the token (for the cookie) only when signed in. */
    public record Attempt(Outcome outcome, String token) {}

    /** A live session and its account. */
    public record Signed(ConsoleAccount account, ConsoleStores.Session session) {
        public String csrfToken() {
            return session.csrfToken();
        }
    }

    private final ConsoleStores.Accounts accounts;
    private final ConsoleStores.Sessions sessions;
    private final ConsoleStores.Failures failures;
    private final ConsoleStores.AuditLog audit;
    private final Settings settings;
    private final Clock clock;
    private final ZoneOffset zone;

    private ConsoleAuth(ConsoleStores.Accounts accounts, ConsoleStores.Sessions sessions,
            ConsoleStores.Failures failures, ConsoleStores.AuditLog audit, Settings settings, Clock clock,
            ZoneOffset zone) {
        this.accounts = accounts;
        this.sessions = sessions;
        this.failures = failures;
        this.audit = audit;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    public static ConsoleAuth over(ConsoleStores.Accounts accounts, ConsoleStores.Sessions sessions,
            ConsoleStores.Failures failures, ConsoleStores.AuditLog audit, Settings settings, Clock clock,
            ZoneOffset zone) {
        return new ConsoleAuth(accounts, sessions, failures, audit, settings, clock, zone);
    }

    /**
     * Checks a password. A locked account or address is refused before any password is checked;
     * an unknown username costs the same hashing as a wrong password, so timing does not tell
     * which names exist. Each failure counts against the name and the address.
     */
    public Attempt signIn(ConsoleKind kind, String username, String password, String ip) {
        LocalDateTime now = now();
        String name = normal(username);
        String from = address(ip);
        LocalDateTime since = now.minus(settings.window());
        if (isLocked(kind, name, from, since)) {
            return new Attempt(Outcome.LOCKED_OUT, null);
        }
        Optional<ConsoleAccount> account = USERNAME.matcher(name).matches()
                ? accounts.byUsername(kind, name) : Optional.empty();
        boolean right = password != null && password.length() <= Passwords.MAX_LENGTH
                && Passwords.verify(password, account.map(ConsoleAccount::passwordHash).orElse(null));
        if (right) {
            return new Attempt(Outcome.SIGNED_IN, startSession(account.get(), from, now));
        }
        Long id = account.map(ConsoleAccount::id).orElse(null);
        failures.record(kind, name, from, now);
        audit.append(new AuditEntry(now, kind, id, name, AuditAction.SIGN_IN_FAILED, null, from));
        failures.deleteBefore(since);
        if (isLocked(kind, name, from, since)) {
            audit.append(new AuditEntry(now, kind, id, name, AuditAction.LOCKED_OUT,
                    "after " + settings.accountFailures() + " failures for the account or "
                            + settings.addressFailures() + " from the address in " + settings.window().toMinutes()
                            + " min", from));
            return new Attempt(Outcome.LOCKED_OUT, null);
        }
        return new Attempt(Outcome.WRONG_PASSWORD, null);
    }

    private boolean isLocked(ConsoleKind kind, String name, String ip, LocalDateTime since) {
        return failures.countForAccount(kind, name, since) >= settings.accountFailures()
                || failures.countForAddress(ip, since) >= settings.addressFailures();
    }

    private String startSession(ConsoleAccount account, String ip, LocalDateTime now) {
        failures.clearAccount(account.kind(), account.username());
        sessions.deleteExpired(now.minus(settings.idle()), now.minus(settings.absolute()));
        String token = randomToken();
        sessions.insert(new ConsoleStores.Session(hash(token), account.kind(), account.id(), randomToken(), now, now));
        audit.append(new AuditEntry(now, account.kind(), account.id(), account.username(), AuditAction.SIGN_IN, null, ip));
        return token;
    }

    /** The live session of a token from the browser, its idle expiry slid forward; empty if none. */
    public Optional<Signed> current(ConsoleKind kind, String token) {
        if (token == null || token.length() > 64) {
            return Optional.empty();
        }
        String tokenHash = hash(token);
        Optional<ConsoleStores.Session> found = sessions.byTokenHash(tokenHash).filter(s -> s.kind() == kind);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        ConsoleStores.Session session = found.get();
        LocalDateTime now = now();
        if (!now.isBefore(session.lastSeenAt().plus(settings.idle()))
                || !now.isBefore(session.createdAt().plus(settings.absolute()))) {
            sessions.delete(tokenHash);
            return Optional.empty();
        }
        Optional<ConsoleAccount> account = accounts.byId(kind, session.accountId());
        if (account.isEmpty() || !sessions.touch(tokenHash, now)) {
            return Optional.empty();
        }
        return Optional.of(new Signed(account.get(), session));
    }

    /** Ends the session at once, on every node. */
    public void signOut(Signed signed, String ip) {
        sessions.delete(signed.session().tokenHash());
        ConsoleAccount a = signed.account();
        audit.append(new AuditEntry(now(), a.kind(), a.id(), a.username(), AuditAction.SIGN_OUT, null, address(ip)));
    }

    /** A new operator; refused if the name or password is not acceptable or the name is taken. */
    public ConsoleAccount createOperator(String username, String password) {
        return create(ConsoleAccount.operator(0, checkedName(username), checkedHash(password)), "operator");
    }

    /** A new portal user of an app, with a role; {@code refundLimit} (minor units) only for a cashier. */
    public ConsoleAccount createPortalUser(long appId, String username, String password, PortalRole role,
            Long refundLimit) {
        if ((refundLimit != null) != (role == PortalRole.CASHIER)) {
            throw new IllegalArgumentException("a refund limit is set for a cashier, and only for a cashier");
        }
        if (refundLimit != null && refundLimit < 0) {
            throw new IllegalArgumentException("a refund limit cannot be negative");
        }
        return create(ConsoleAccount.portalUser(0, checkedName(username), checkedHash(password), appId, role,
                refundLimit), "role " + role.dbName() + (refundLimit == null ? "" : ", refund limit " + refundLimit));
    }

    private ConsoleAccount create(ConsoleAccount account, String detail) {
        LocalDateTime now = now();
        ConsoleAccount made = accounts.create(account, now).orElseThrow(() -> new IllegalArgumentException(
                "the " + account.kind().dbName() + " username " + account.username() + " is taken"));
        audit.append(new AuditEntry(now, made.kind(), made.id(), made.username(), AuditAction.ACCOUNT_CREATED,
                detail, null));
        return made;
    }

    private static String checkedName(String username) {
        String name = normal(username);
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a username is 3 to 64 characters: letters, digits and . _ @ -");
        }
        return name;
    }

    static String checkedHash(String password) {
        String problem = Passwords.problemWith(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return Passwords.hash(password);
    }

    /** Usernames compare without case and surrounding spaces; at most 64 characters are kept. */
    static String normal(String username) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    private static String address(String ip) {
        String a = ip == null ? "" : ip;
        return a.length() > MAX_IP ? a.substring(0, MAX_IP) : a;
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }

    /** 256 random bits, URL-safe. */
    public static String randomToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of a token, in hex: what the database keeps. */
    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
