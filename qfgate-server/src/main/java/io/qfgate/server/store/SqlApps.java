package io.qfgate.server.store;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.domain.App;
import io.qfgate.server.domain.Merchant;
import io.qfgate.server.domain.Stores;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/** Apps (credentials) and the merchants they pay into. Client keys are stored encrypted ({@link Secrets}). */
public final class SqlApps implements Stores.Apps {
    private final Jdbi jdbi;
    private final Secrets secrets;

    public SqlApps(Database database) {
        this.jdbi = database.jdbi();
        this.secrets = database.secrets();
    }

    @Override
    public Optional<App> byAppCode(String appCode) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM apps WHERE app_code = :code")
                .bind("code", appCode)
                .map((rs, ctx) -> readApp(rs))
                .findOne());
    }

    @Override
    public Optional<App> byId(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM apps WHERE id = :id")
                .bind("id", appId)
                .map((rs, ctx) -> readApp(rs))
                .findOne());
    }

    @Override
    public Optional<Merchant> merchantById(long merchantId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchants WHERE id = :id")
                .bind("id", merchantId)
                .map((rs, ctx) -> readMerchant(rs))
                .findOne());
    }

    @Override
    public Optional<Merchant> merchantOfApp(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchants WHERE app_id = :appId AND mchid IS NULL")
                .bind("appId", appId)
                .map((rs, ctx) -> readMerchant(rs))
                .findOne());
    }

    @Override
    public Optional<Merchant> merchantByMchid(long appId, String mchid) {
        // The app id is part of the key: an agent never reaches another agent's sub-merchant.
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchants WHERE app_id = :appId AND mchid = :mchid")
                .bind("appId", appId)
                .bind("mchid", mchid)
                .map((rs, ctx) -> readMerchant(rs))
                .findOne());
    }

    public List<App> allApps() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM apps ORDER BY id").map((rs, ctx) -> readApp(rs)).list());
    }

    @Override
    public List<Merchant> merchantsOfApp(long appId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchants WHERE app_id = :appId ORDER BY id")
                .bind("appId", appId)
                .map((rs, ctx) -> readMerchant(rs))
                .list());
    }

    public Optional<Merchant> merchantByMchid(String mchid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM merchants WHERE mchid = :mchid")
                .bind("mchid", mchid)
                .map((rs, ctx) -> readMerchant(rs))
                .findOne());
    }

    /** Creates an app and, for a merchant app, its one merchant, in one transaction. */
    public App createApp(App app, NewMerchant merchant, LocalDateTime now) {
        return jdbi.inTransaction(h -> {
            long id = h.createUpdate("""
                    INSERT INTO apps (app_code, client_key, kind, name, notify_url, rate_per_second, rate_per_minute, enabled,
                        created_at)
                    VALUES (:appCode, :clientKey, :kind, :name, :notifyUrl, :perSecond, :perMinute, :enabled, :now)""")
                    .bind("appCode", app.appCode())
                    .bind("clientKey", secrets.seal(app.clientKey(), SecretColumns.CLIENT_KEY.cell(app.appCode())))
                    .bind("kind", app.kind().dbName())
                    .bind("name", app.name())
                    .bind("notifyUrl", app.notifyUrl())
                    .bind("perSecond", app.ratePerSecond())
                    .bind("perMinute", app.ratePerMinute())
                    .bind("enabled", app.enabled())
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
            if (merchant != null) {
                insertMerchant(h, id, null, merchant, now);
            }
            return app.withId(id);
        });
    }

    public Merchant createSubMerchant(long agentAppId, String mchid, NewMerchant merchant, LocalDateTime now) {
        return jdbi.inTransaction(h -> {
            long id = insertMerchant(h, agentAppId, mchid, merchant, now);
            return h.createQuery("SELECT * FROM merchants WHERE id = :id").bind("id", id)
                    .map((rs, ctx) -> readMerchant(rs)).one();
        });
    }

    /** The fields an operator sets on a merchant; nulls leave a value as it is in updates. */
    public record NewMerchant(String name, String mcc, Set<PayType> payTypes, Set<Currency> currencies, String notifyUrl) {}

    public void updateMerchant(long merchantId, NewMerchant change, Boolean enabled) {
        jdbi.useHandle(h -> h.createUpdate("""
                UPDATE merchants SET
                    name = COALESCE(:name, name), mcc = COALESCE(:mcc, mcc),
                    pay_types = COALESCE(:payTypes, pay_types), currencies = COALESCE(:currencies, currencies),
                    notify_url = COALESCE(:notifyUrl, notify_url), enabled = COALESCE(:enabled, enabled)
                WHERE id = :id""")
                .bind("id", merchantId)
                .bind("name", change.name())
                .bind("mcc", change.mcc())
                .bind("payTypes", change.payTypes() == null ? null : payTypeList(change.payTypes()))
                .bind("currencies", change.currencies() == null ? null : currencyList(change.currencies()))
                .bind("notifyUrl", change.notifyUrl())
                .bind("enabled", enabled)
                .execute());
    }

    public void updateApp(long appId, String name, String notifyUrl, Integer perSecond, Integer perMinute, String clientKey) {
        jdbi.useTransaction(h -> h.createUpdate("""
                UPDATE apps SET
                    name = COALESCE(:name, name), notify_url = COALESCE(:notifyUrl, notify_url),
                    rate_per_second = COALESCE(:perSecond, rate_per_second),
                    rate_per_minute = COALESCE(:perMinute, rate_per_minute),
                    client_key = COALESCE(:clientKey, client_key)
                WHERE id = :id""")
                .bind("id", appId)
                .bind("name", name)
                .bind("notifyUrl", notifyUrl)
                .bind("perSecond", perSecond)
                .bind("perMinute", perMinute)
                .bind("clientKey", clientKey == null ? null : sealedClientKey(h, appId, clientKey))
                .execute());
    }

    /** Switches an app's signed calls on or off; false when there is no such app. */
    public boolean setAppEnabled(long appId, boolean enabled) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE apps SET enabled = :enabled WHERE id = :id")
                .bind("id", appId)
                .bind("enabled", enabled)
                .execute()) == 1;
    }

    /** The client key sealed for its app's row: the cell name holds the app code, which never changes. */
    private String sealedClientKey(Handle h, long appId, String clientKey) {
        String appCode = h.createQuery("SELECT app_code FROM apps WHERE id = :id").bind("id", appId)
                .mapTo(String.class).one();
        return secrets.seal(clientKey, SecretColumns.CLIENT_KEY.cell(appCode));
    }

    private static long insertMerchant(Handle h, long appId, String mchid, NewMerchant m, LocalDateTime now) {
        return h.createUpdate("""
                INSERT INTO merchants (app_id, mchid, name, mcc, pay_types, currencies, notify_url, enabled, created_at)
                VALUES (:appId, :mchid, :name, :mcc, :payTypes, :currencies, :notifyUrl, TRUE, :now)""")
                .bind("appId", appId)
                .bind("mchid", mchid)
                .bind("name", m.name())
                .bind("mcc", m.mcc())
                .bind("payTypes", payTypeList(m.payTypes()))
                .bind("currencies", currencyList(m.currencies()))
                .bind("notifyUrl", m.notifyUrl())
                .bind("now", now)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
    }

    private static String payTypeList(Collection<PayType> payTypes) {
        return payTypes.stream().map(PayType::code).sorted().collect(Collectors.joining(","));
    }

    private static String currencyList(Collection<Currency> currencies) {
        return currencies.stream().map(Currency::name).sorted().collect(Collectors.joining(","));
    }

    private App readApp(ResultSet rs) throws SQLException {
        String appCode = rs.getString("app_code");
        return new App(
                rs.getLong("id"),
                appCode,
                secrets.open(rs.getString("client_key"), SecretColumns.CLIENT_KEY.cell(appCode)),
                App.Kind.fromDb(rs.getString("kind")),
                rs.getString("name"),
                rs.getString("notify_url"),
                rs.getInt("rate_per_second"),
                rs.getInt("rate_per_minute"),
                rs.getBoolean("enabled"));
    }

    private static Merchant readMerchant(ResultSet rs) throws SQLException {
        return new Merchant(
                rs.getLong("id"),
                rs.getLong("app_id"),
                rs.getString("mchid"),
                rs.getString("name"),
                rs.getString("mcc"),
                split(rs.getString("pay_types")).map(code -> PayType.of(code).orElseThrow())
                        .collect(Collectors.toSet()),
                split(rs.getString("currencies")).map(code -> Currency.of(code).orElseThrow())
                        .collect(Collectors.toSet()),
                rs.getString("notify_url"),
                rs.getBoolean("enabled"));
    }

    private static java.util.stream.Stream<String> split(String list) {
        return Arrays.stream(list.split(",")).filter(s -> !s.isEmpty());
    }
}
