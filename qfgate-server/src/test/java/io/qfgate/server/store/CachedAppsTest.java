package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Stores;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the app cache remembers, and for how long. */
class CachedAppsTest {
    static final App APP = new App(7, "A".repeat(32), "B".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

    /** The cache's clock, moved on by hand: nothing here waits for real time. */
    private final AtomicLong nanos = new AtomicLong();

    private CachedApps cache(CountingApps db, Duration ttl) {
        return new CachedApps(db, ttl, nanos::get);
    }

    private void elapse(Duration d) {
        nanos.addAndGet(d.toNanos());
    }

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

        @Override
        public java.util.List<Merchant> merchantsOfApp(long appId) {
            loads.incrementAndGet();
            return java.util.List.of();
        }
    }

    @Test
    void remembersAnswersWithinTheTimeToLive() {
        CountingApps db = new CountingApps();
        CachedApps cache = cache(db, Duration.ofHours(1));

        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
        assertThat(cache.byAppCode("F".repeat(32))).isEmpty();
        assertThat(cache.byAppCode("F".repeat(32))).as("unknown codes are remembered too").isEmpty();

        assertThat(db.loads).hasValue(2);
    }

    @Test
    void aZeroTimeToLiveAlwaysAsksTheDatabase() {
        CountingApps db = new CountingApps();
        CachedApps cache = cache(db, Duration.ZERO);
        cache.byAppCode(APP.appCode());
        db.app = new App(7, APP.appCode(), "C".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

        assertThat(cache.byAppCode(APP.appCode()).orElseThrow().clientKey()).isEqualTo("C".repeat(32));
        assertThat(db.loads).hasValue(2);
    }

    @Test
    void changesAreSeenOnceTheTimeToLivePassed() {
        CountingApps db = new CountingApps();
        CachedApps cache = cache(db, Duration.ofSeconds(30));
        cache.byAppCode(APP.appCode());
        db.app = new App(7, APP.appCode(), "C".repeat(32), App.Kind.MERCHANT, "Shop", null, 100, 400);

        elapse(Duration.ofSeconds(29));
        assertThat(cache.byAppCode(APP.appCode()).orElseThrow().clientKey()).as("still within the time to live")
                .isEqualTo("B".repeat(32));
        elapse(Duration.ofSeconds(1));
        assertThat(cache.byAppCode(APP.appCode()).orElseThrow().clientKey()).isEqualTo("C".repeat(32));
    }

    @Test
    void staysBoundedUnderAFloodOfUnknownCodes() {
        CountingApps db = new CountingApps();
        CachedApps cache = cache(db, Duration.ofHours(1));
        for (int i = 0; i < CachedApps.MAX_ENTRIES * 3; i++) {
            cache.byAppCode(String.format("%032d", i));
            assertThat(cache.size()).isLessThanOrEqualTo(CachedApps.MAX_ENTRIES);
        }
        assertThat(db.loads).hasValue(CachedApps.MAX_ENTRIES * 3);
        assertThat(cache.byAppCode(APP.appCode())).contains(APP);
    }

    @Test
    void anAppInUseStaysRememberedThroughAFloodOfUnknownCodes() {
        CountingApps db = new CountingApps();
        CachedApps cache = cache(db, Duration.ofHours(1));
        for (int i = 0; i < CachedApps.MAX_ENTRIES * 3; i++) {
            cache.byAppCode(String.format("%032d", i));
            if (i % 100 == 0) {
                assertThat(cache.byAppCode(APP.appCode())).contains(APP);
            }
        }

        assertThat(db.loads).as("the app in use was read once, each made-up code once")
                .hasValue(CachedApps.MAX_ENTRIES * 3 + 1);
    }
}
