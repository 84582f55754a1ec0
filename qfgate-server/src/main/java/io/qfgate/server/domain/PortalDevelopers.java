package io.qfgate.server.domain;

import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Supplier;

/**
 * The portal's developer page, for an app's owners: a new client key (the old one stops working
 * at once on the node that made the change, and on the others within the app cache's time to
 * live), a signed test notification to the merchant's notification URL, and the newest
 * deliveries. Every action is in the audit log; no row holds the key.
 */
public final class PortalDevelopers {
    /** How many deliveries the page lists. */
    public static final int DELIVERIES = 50;

    /** A notice of the app's and its latest attempt (null fields before the first). */
    public record Delivery(long id, String syssn, String notifyType, String url, NoticeState state, int attempts,
            LocalDateTime createdAt, LocalDateTime lastAttemptAt, Integer httpStatus, String error, Long latencyMs) {}

    public interface Store {
        /** Stores the app's new client key (sealed like every key) and forgets this node's cached copy. */
        void replaceClientKey(App app, String newKey);

        /** The app's newest notices, newest first, each with its latest attempt. */
        List<Delivery> newestDeliveries(long appId, int limit);
    }

    /** Sends one signed POST under the notification target policy, outside the outbox (nothing stored). */
    public interface Sender {
        Stores.Outbox.Attempt send(long appId, String url, String body);
    }

    /** The body of a test notice: shaped like a payment's, marked as a test. */
    public interface TestBody {
        String of(Merchant merchant, LocalDateTime now);
    }

    /** What the merchant's server answered to a test notice (status and answer), or why there was no answer. */
    public record TestResult(String url, Integer httpStatus, String answer, String error, long latencyMs) {
        public boolean acknowledged() {
            return httpStatus != null && httpStatus == 200 && answer != null && answer.strip().equals("SUCCESS");
        }
    }

    private final Merchants merchants;
    private final Store store;
    private final Sender sender;
    private final TestBody testBody;
    private final Supplier<String> newKey;
    private final ConsoleStores.AuditLog audit;
    private final Clock clock;
    private final ZoneOffset zone;

    private PortalDevelopers(Builder b) {
        this.merchants = b.merchants;
        this.store = b.store;
        this.sender = b.sender;
        this.testBody = b.testBody;
        this.newKey = b.newKey;
        this.audit = b.audit;
        this.clock = b.clock;
        this.zone = b.zone;
    }

    /** What the page needs, named. */
    public static final class Builder {
        Merchants merchants;
        Store store;
        Sender sender;
        TestBody testBody;
        Supplier<String> newKey;
        ConsoleStores.AuditLog audit;
        Clock clock;
        ZoneOffset zone;

        public Builder stores(Merchants m, Store s, ConsoleStores.AuditLog a) {
            merchants = m;
            store = s;
            audit = a;
            return this;
        }

        public Builder notices(Sender s, TestBody body) {
            sender = s;
            testBody = body;
            return this;
        }

        /** {@code keys} makes new client keys; {@code c} and {@code z} the gateway's time. */
        public Builder keysAndTime(Supplier<String> keys, Clock c, ZoneOffset z) {
            newKey = keys;
            clock = c;
            zone = z;
            return this;
        }

        public PortalDevelopers build() {
            return new PortalDevelopers(this);
        }
    }

    /** Replaces the owner's app's client key and returns the new one: shown once, never stored in the clear. */
    public String rotateKey(ConsoleAccount owner, App app, String ip) {
        checkOwnerOf(owner, app);
        String key = newKey.get();
        store.replaceClientKey(app, key);
        log(owner, AuditAction.KEY_ROTATED, "client key of app " + app.appCode() + " replaced", ip);
        return key;
    }

    /** The URL a test notice goes to: the merchant's own (a merchant app's), else the app's; null if none. */
    public String notifyUrl(App app) {
        List<Merchant> own = merchants.ofApp(app);
        String merchantUrl = app.isAgent() || own.isEmpty() ? null : own.getFirst().notifyUrl();
        return merchantUrl != null && !merchantUrl.isBlank() ? merchantUrl : app.notifyUrl();
    }

    /** Sends a signed test notice to the app's notification URL now and tells what came back; null without a URL. */
    public TestResult sendTest(ConsoleAccount owner, App app, String ip) {
        checkOwnerOf(owner, app);
        String url = notifyUrl(app);
        List<Merchant> own = merchants.ofApp(app);
        if (url == null || url.isBlank() || own.isEmpty()) {
            return null;
        }
        Stores.Outbox.Attempt a = sender.send(app.id(), url, testBody.of(own.getFirst(), now()));
        TestResult result = new TestResult(url, a.httpStatus(), a.answer(), a.error(), a.latencyMs());
        log(owner, AuditAction.TEST_NOTICE, "to " + url + ": " + (a.httpStatus() != null ? "HTTP " + a.httpStatus()
                : a.error()) + " in " + a.latencyMs() + " ms", ip);
        return result;
    }

    /** The app's newest deliveries; an owner's only. */
    public List<Delivery> deliveries(ConsoleAccount owner, App app) {
        checkOwnerOf(owner, app);
        return store.newestDeliveries(app.id(), DELIVERIES);
    }

    private static void checkOwnerOf(ConsoleAccount owner, App app) {
        if (PortalStaff.ownersApp(owner) != app.id()) {
            throw new PortalStaff.Refused(PortalStaff.Problem.NOT_OWNER);
        }
    }

    private void log(ConsoleAccount owner, AuditAction action, String detail, String ip) {
        audit.append(new AuditEntry(now(), owner.kind(), owner.id(), owner.username(), action, detail,
                ip == null || ip.length() <= 64 ? ip : ip.substring(0, 64)));
    }

    private LocalDateTime now() {
        return LocalDateTime.ofInstant(clock.instant(), zone);
    }
}
