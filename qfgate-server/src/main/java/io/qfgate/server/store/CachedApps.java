package io.qfgate.server.store;

import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Stores;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Apps and merchants, remembered for a short while: every API call needs its app and merchant,
 * and reading them each time would cost two database round trips per call. Changes made with
 * the CLI (keys, limits, pay types) reach a running node within the time to live. Unknown app
 * codes are remembered too, so a flood of made-up codes does not reach the database; the cache
 * is emptied whenever it holds more than {@value #MAX_ENTRIES} entries.
 */
public final class CachedApps implements Stores.Apps {
    static final int MAX_ENTRIES = 10_000;

    private record Entry(Object value, long loadedAt) {}

    private final Stores.Apps database;
    private final long ttlNanos;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    public CachedApps(Stores.Apps database, Duration ttl) {
        this.database = database;
        this.ttlNanos = ttl.toNanos();
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

    int size() {
        return entries.size();
    }

    @SuppressWarnings("unchecked")
    private <T> Optional<T> cached(String key, Supplier<Optional<T>> load) {
        long now = System.nanoTime();
        Entry entry = entries.get(key);
        if (entry != null && now - entry.loadedAt < ttlNanos) {
            return (Optional<T>) entry.value;
        }
        Optional<T> value = load.get();
        if (ttlNanos > 0) {
            if (entries.size() >= MAX_ENTRIES) {
                entries.clear();
            }
            entries.put(key, new Entry(value, now));
        }
        return value;
    }
}
