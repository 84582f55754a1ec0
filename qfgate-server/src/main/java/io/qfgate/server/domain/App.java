package io.qfgate.server.domain;

/**
 * One set of API credentials. A merchant app pays into its one merchant; an agent app serves
 * sub-merchants, each named by a {@code mchid} in every request. A disabled app's signed calls
 * are all refused (its merchants keep their own enabled flag).
 */
public record App(
        long id,
        String appCode,
        String clientKey,
        Kind kind,
        String name,
        String notifyUrl,
        int ratePerSecond,
        int ratePerMinute,
        boolean enabled) {

    /** An enabled app: how apps are created. */
    public App(long id, String appCode, String clientKey, Kind kind, String name, String notifyUrl,
            int ratePerSecond, int ratePerMinute) {
        this(id, appCode, clientKey, kind, name, notifyUrl, ratePerSecond, ratePerMinute, true);
    }

    public App withId(long newId) {
        return new App(newId, appCode, clientKey, kind, name, notifyUrl, ratePerSecond, ratePerMinute, enabled);
    }

    public App withEnabled(boolean newEnabled) {
        return new App(id, appCode, clientKey, kind, name, notifyUrl, ratePerSecond, ratePerMinute, newEnabled);
    }

    public enum Kind {
        MERCHANT, AGENT;

        public String dbName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind fromDb(String value) {
            return valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public boolean isAgent() {
        return kind == Kind.AGENT;
    }

    /** Never print the client key. */
    @Override
    public String toString() {
        return "App[" + appCode + ", " + kind.dbName() + ", " + name + "]";
    }
}
