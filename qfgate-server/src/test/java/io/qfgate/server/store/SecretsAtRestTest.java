package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import io.qfgate.server.domain.App;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the database holds of a key is a ciphertext bound to its row, readable only with the master
 * key: the column values seen over plain JDBC are neither the key nor contain it.
 */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class SecretsAtRestTest {
    static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 27, 10, 0);
    static final String MD5_KEY = "md5partnerkey0123456789abcdefghi";
    static final String RSA_KEY = TestKeys.rsaPrivateKeyPem(2048);

    @Parameter
    String db;

    String url;
    Secrets masterKey = TestKeys.fresh();
    Database database;
    SqlApps apps;

    @BeforeEach
    void open() {
        url = TestDatabases.fresh(db);
        database = Database.open(url, 2, masterKey);
        apps = new SqlApps(database);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void clientKeysAndAlipayKeysAreStoredAsCiphertextsThatNeitherAreNorContainTheKeys() throws SQLException {
        App app = newApp("A", "0123456789ABCDEF0123456789ABCDEF");
        new SqlAlipayAccounts(database).save(new AlipaySettings("2088000000000001", MD5_KEY, "RSA2", RSA_KEY, null, null));

        String storedClientKey = raw("SELECT client_key FROM apps WHERE app_code = '" + app.appCode() + "'");
        assertThat(storedClientKey).startsWith("v1:").doesNotContain(app.clientKey());
        assertThat(raw("SELECT md5_key FROM alipay_settings")).startsWith("v1:").doesNotContain(MD5_KEY);
        assertThat(raw("SELECT rsa_private_key FROM alipay_settings")).startsWith("v1:")
                .doesNotContain(RSA_KEY.lines().skip(1).findFirst().orElseThrow());

        assertThat(apps.byAppCode(app.appCode()).orElseThrow().clientKey()).isEqualTo(app.clientKey());
        AlipaySettings read = new SqlAlipayAccounts(database).load().orElseThrow();
        assertThat(read.md5Key()).isEqualTo(MD5_KEY);
        assertThat(read.rsaPrivateKey()).isEqualTo(RSA_KEY);
    }

    @Test
    void aRotatedClientKeyIsStoredEncryptedToo() throws SQLException {
        App app = newApp("A", "0123456789ABCDEF0123456789ABCDEF");
        String next = "FEDCBA9876543210FEDCBA9876543210";

        apps.updateApp(app.id(), null, null, null, null, next);

        assertThat(raw("SELECT client_key FROM apps WHERE id = " + app.id())).startsWith("v1:").doesNotContain(next);
        assertThat(apps.byId(app.id()).orElseThrow().clientKey()).isEqualTo(next);
    }

    @Test
    void aClientKeyCiphertextCopiedToAnotherAppDoesNotDecrypt() throws SQLException {
        App a = newApp("A", "0123456789ABCDEF0123456789ABCDEF");
        App b = newApp("B", "FEDCBA9876543210FEDCBA9876543210");

        execute("UPDATE apps SET client_key = (SELECT client_key FROM apps WHERE id = " + a.id() + ") WHERE id = " + b.id());

        assertThatThrownBy(() -> apps.byId(b.id())).isInstanceOf(Secrets.WrongKeyException.class)
                .hasMessageContaining("apps.client_key:" + b.appCode());
        assertThat(apps.byId(a.id()).orElseThrow().clientKey()).isEqualTo(a.clientKey());
    }

    @Test
    void anotherMasterKeyCannotOpenTheDatabase() {
        newApp("A", "0123456789ABCDEF0123456789ABCDEF");
        database.close();

        assertThatThrownBy(() -> Database.open(url, 2, TestKeys.fresh()))
                .isInstanceOf(Secrets.WrongKeyException.class)
                .hasMessageContaining("the master key cannot decrypt apps.client_key:" + "A".repeat(32))
                .hasMessageNotContaining("0123456789ABCDEF0123456789ABCDEF");
        database = Database.open(url, 2, masterKey);
    }

    @Test
    void v10EncryptsThePlaintextKeysOfADatabaseFromBefore() throws SQLException {
        database.close();
        String before = TestDatabases.fresh(db);
        String rsa4096 = TestKeys.rsaPrivateKeyPem(4096);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(before);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            // The schema before V9 (7: the last version that exists on every branch).
            Database.migrations(dataSource, masterKey).target("7").load().migrate();
        }
        url = before;
        execute("INSERT INTO apps (app_code, client_key, kind, name, rate_per_second, rate_per_minute, created_at)"
                + " VALUES ('" + "C".repeat(32) + "', '0123456789ABCDEF0123456789ABCDEF', 'merchant', 'Old Shop', 100, 400,"
                + " TIMESTAMP '2026-11-27 10:00:00')");
        execute("INSERT INTO alipay_settings (id, partner, md5_key, sign_type, rsa_private_key) VALUES (1,"
                + " '2088000000000001', '" + MD5_KEY + "', 'RSA2', '" + rsa4096 + "')");

        database = Database.open(before, 2, masterKey);

        assertThat(raw("SELECT client_key FROM apps")).startsWith("v1:").doesNotContain("0123456789ABCDEF0123456789ABCDEF");
        assertThat(raw("SELECT md5_key FROM alipay_settings")).startsWith("v1:").doesNotContain(MD5_KEY);
        assertThat(raw("SELECT rsa_private_key FROM alipay_settings")).startsWith("v1:");
        assertThat(new SqlApps(database).byAppCode("C".repeat(32)).orElseThrow().clientKey())
                .isEqualTo("0123456789ABCDEF0123456789ABCDEF");
        assertThat(new SqlAlipayAccounts(database).load().orElseThrow().rsaPrivateKey()).isEqualTo(rsa4096);
        assertThatThrownBy(() -> execute("UPDATE apps SET client_key = NULL")).as("V9 keeps client_key NOT NULL")
                .isInstanceOf(SQLException.class);
    }

    private App newApp(String code, String clientKey) {
        return apps.createApp(new App(0, code.repeat(32), clientKey, App.Kind.MERCHANT, "Shop " + code, null, 100, 400),
                new SqlApps.NewMerchant("Shop " + code, "5999", EnumSet.of(PayType.ALIPAY_ONLINE_WEB),
                        EnumSet.of(Currency.HKD), null), NOW);
    }

    /** One value as a plain JDBC client of the database sees it, without the gateway's code. */
    private String raw(String query) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            assertThat(rs.next()).as(query).isTrue();
            return rs.getString(1);
        }
    }

    private void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
