package io.qfgate.server.store;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Stores;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Apps and merchants, remembered for a short while: every API call needs its app and merchant,
 * and reading them each time would cost two database round trips per call. Changes made with
 * the CLI (keys, limits, pay types) reach a running node within the time to live; a time to live
 * of zero remembers nothing. Unknown app codes are remembered too, so a flood of made-up codes
 * does not reach the database; at most {@value #MAX_ENTRIES} entries are kept, the least useful
 * evicted first, so the apps in use stay while a flood passes.
 */
public final class CachedApps implements Stores.Apps {
    static final int MAX_ENTRIES = 10_000;

    private final Stores.Apps database;
    /** Null when the time to live is zero. */
    private final Cache<String, Optional<?>> entries;

    public CachedApps(Stores.Apps database, Duration ttl) {
        this(database, ttl, Ticker.systemTicker());
    }

    /** With the time read from {@code ticker}, so that tests can move it on. */
    CachedApps(Stores.Apps database, Duration ttl, Ticker ticker) {
        this.database = database;
        this.entries = ttl.isZero() ? null : Caffeine.newBuilder()
                .expireAfterWrite(ttl)
                .maximumSize(MAX_ENTRIES)
                .ticker(ticker)
                .executor(Runnable::run) // evict on the calling thread: no background pool, bounded at once
                .build();
    }

    @Override
    public Optional<App> byAppCode(String appCode) {
        return cached("app:" + appCode, () -> database.byAppCode(appCode));
    }

    @Override
    public Optional<App> byId(long appId) {
        return cached("app#" + appId, () -> database.byId(appId));
    }

    @Override
    public Optional<Merchant> merchantById(long merchantId) {
        return cached("merchant#" + merchantId, () -> database.merchantById(merchantId));
    }

    @Override
    public Optional<Merchant> merchantOfApp(long appId) {
        return cached("merchant-of#" + appId, () -> database.merchantOfApp(appId));
    }

    @Override
    public Optional<Merchant> merchantByMchid(long appId, String mchid) {
        return cached("mchid#" + appId + ":" + mchid, () -> database.merchantByMchid(appId, mchid));
    }

    /** Not cached: only the daily statement asks, and it should see sub-merchants added since. */
    @Override
    public List<Merchant> merchantsOfApp(long appId) {
        return database.merchantsOfApp(appId);
    }

    /**
     * Forgets the app on this node, so a change (a new client key) counts here at once. Other
     * nodes keep their copy until it expires: up to the time to live.
     */
    public void forget(App app) {
        if (entries != null) {
            entries.invalidate("app:" + app.appCode());
            entries.invalidate("app#" + app.id());
        }
    }

    long size() {
        if (entries == null) {
            return 0;
        }
        entries.cleanUp();
        return entries.estimatedSize();
    }

    @SuppressWarnings("unchecked") // each key's prefix names the one method, and so the one type, that fills it
    private <T> Optional<T> cached(String key, Supplier<Optional<T>> load) {
        return entries == null ? load.get() : (Optional<T>) entries.get(key, k -> load.get());
    }
}
