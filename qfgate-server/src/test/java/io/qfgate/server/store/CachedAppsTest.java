package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Stores;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What the app cache remembers, and for how long. */
class CachedAppsTest {
    static final App APP = new App(7, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

    /** Counts the loads that reach it. */
    static final class CountingApps implements Stores.Apps {
        final AtomicInteger loads = new AtomicInteger();
        volatile App app = APP;

        @Override
        public Optional<App> byAppCode(String appCode) {
            loads.incrementAndGet();
            return appCode.equals(app.appCode()) ? Optional.of(app) : Optional.empty();
        }

        @Override
        public Optional<App> byId(long appId) {
            loads.incrementAndGet();
            return Optional.of(app);
        }

        @Override
        public Optional<Merchant> merchantById(long merchantId) {
            loads.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public Optional<Merchant> merchantOfApp(long appId) {
            loads.incrementAndGet();
            return Optional.empty();
        }

        @Override
        public Optional<Merchant> merchantByMchid(long appId, String mchid) {
            loads.incrementAndGet();
            return Optional.empty();
        }
    }

    @Test
    void remembersAnswersWithinTheTimeToLive() {
        CountingApps db = new CountingApps();
        CachedApps cache = new CachedApps(db, Duration.ofHours(1));

        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
        assertThat(cache.byAppCode("F".repeat(32))).isEmpty();
        assertThat(cache.byAppCode("F".repeat(32))).as("unknown codes are remembered too").isEmpty();

        assertThat(db.loads).hasValue(2);
    }

    @Test
    void aZeroTimeToLiveAlwaysAsksTheDatabase() {
        CountingApps db = new CountingApps();
        CachedApps cache = new CachedApps(db, Duration.ZERO);
        cache.byAppCode(APP.appCode());
        db.app = new App(7, APP.appCode(), "C".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

        assertThat(cache.byAppCode(APP.appCode()).orElseThrow().clientKey()).isEqualTo("C".repeat(32));
        assertThat(db.loads).hasValue(2);
    }

    @Test
    void changesAreSeenOnceTheTimeToLivePassed() throws InterruptedException {
        CountingApps db = new CountingApps();
        CachedApps cache = new CachedApps(db, Duration.ofMillis(1));
        cache.byAppCode(APP.appCode());
        db.app = new App(7, APP.appCode(), "C".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);
        Thread.sleep(5); // past the 1 ms time to live; nothing here measures time

        assertThat(cache.byAppCode(APP.appCode()).orElseThrow().clientKey()).isEqualTo("C".repeat(32));
    }

    @Test
    void staysBoundedUnderAFloodOfUnknownCodes() {
        CountingApps db = new CountingApps();
        CachedApps cache = new CachedApps(db, Duration.ofHours(1));
        for (int i = 0; i < CachedApps.MAX_ENTRIES * 3; i++) {
            cache.byAppCode(String.format("%032d", i));
            assertThat(cache.size()).isLessThanOrEqualTo(CachedApps.MAX_ENTRIES);
        }
        assertThat(db.loads).hasValue(CachedApps.MAX_ENTRIES * 3);
        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
    }
}
