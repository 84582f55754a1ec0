package io.qfgate.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.qfgate.server.TestDatabases;
import io.qfgate.server.TestKeys;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** A migration applied to a database that already holds rows keeps them and adds its rule. */
@ParameterizedClass(name = "on {0}")
@MethodSource("io.qfgate.server.TestDatabases#kinds")
class MigrationsTest {
    @Parameter
    String db;

    @Test
    void v7KeepsTheTransactionsItFindsAndRefusesAnAppPairedWithAnotherAppsMerchant() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.fresh(db));
        config.setMaximumPoolSize(2);
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Database.migrations(dataSource, TestKeys.fresh()).target("6").load().migrate();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                for (int id = 1; id <= 2; id++) {
                    s.execute("INSERT INTO apps (id, app_code, client_key, kind, name, rate_per_second, rate_per_minute,"
                            + " created_at) VALUES (" + id + ", '" + String.valueOf(id).repeat(32) + "', '" + "k".repeat(32)
                            + "', 'merchant', 'App " + id + "', 100, 400, TIMESTAMP '2026-11-27 10:00:00')");
                    s.execute("INSERT INTO merchants (id, app_id, name, mcc, pay_types, currencies, enabled, created_at)"
                            + " VALUES (" + id + ", " + id + ", 'Shop " + id + "', '5999', '801101', 'HKD', TRUE,"
                            + " TIMESTAMP '2026-11-27 10:00:00')");
                }
                s.execute(insertPayment("20261127000000000000000001", 1, 1));
            }

            Database.migrations(dataSource, TestKeys.fresh()).load().migrate();

            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT syssn, app_id, merchant_id, txamt FROM transactions")) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("20261127000000000000000001");
                    assertThat(rs.getLong(2)).isEqualTo(1);
                    assertThat(rs.getLong(3)).isEqualTo(1);
                    assertThat(rs.getLong(4)).isEqualTo(300);
                    assertThat(rs.next()).isFalse();
                }
                s.execute(insertPayment("20261127000000000000000002", 2, 2));
                assertThatThrownBy(() -> s.execute(insertPayment("20261127000000000000000003", 1, 2)))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("transactions_merchant_of_app");
                assertThatThrownBy(() -> s.execute(insertPayment("20261127000000000000000004", 3, 3)))
                        .isInstanceOf(SQLException.class)
                        .hasMessageContaining("transactions_merchant_of_app");
            }
        }
    }

    @Test
    void v17NamesTheRefundedPaymentOnTheRefundNoticesItFinds() throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(TestDatabases.fresh(db));
        config.setMaximumPoolSize(2);
        String payment = "20261127000000000000000001";
        String refund = "20261127000000000000000002";
        try (HikariDataSource dataSource = new HikariDataSource(config)) {
            Database.migrations(dataSource, TestKeys.fresh()).target("15").load().migrate();
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO apps (id, app_code, client_key, kind, name, rate_per_second, rate_per_minute,"
                        + " created_at) VALUES (1, '" + "1".repeat(32) + "', 'k', 'merchant', 'App', 100, 400,"
                        + " TIMESTAMP '2026-11-27 10:00:00')");
                s.execute("INSERT INTO merchants (id, app_id, name, mcc, pay_types, currencies, enabled, created_at)"
                        + " VALUES (1, 1, 'Shop', '5999', '801101', 'HKD', TRUE, TIMESTAMP '2026-11-27 10:00:00')");
                s.execute(insertPayment(payment, 1, 1));
                s.execute(insertPayment(refund, 1, 1).replace("'payment'", "'refund'"));
                s.execute("UPDATE transactions SET orig_syssn = '" + payment + "' WHERE syssn = '" + refund + "'");
                for (String[] notice : new String[][] {{payment, "payment"}, {refund, "refund"}}) {
                    s.execute("INSERT INTO notifications (syssn, app_id, notify_type, url, body, state, attempts,"
                            + " next_attempt_at, created_at) VALUES ('" + notice[0] + "', 1, '" + notice[1]
                            + "', 'https://shop.example/n', '{}', 'pending', 0, TIMESTAMP '2026-11-27 10:00:00',"
                            + " TIMESTAMP '2026-11-27 10:00:00')");
                }
            }

            Database.migrations(dataSource, TestKeys.fresh()).load().migrate();

            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT syssn, orig_syssn FROM notifications ORDER BY syssn")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(2)).as("a payment's notice refunds nothing").isNull();
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo(refund);
                assertThat(rs.getString(2)).isEqualTo(payment);
                assertThat(rs.next()).isFalse();
            }
        }
    }

    private static String insertPayment(String syssn, long appId, long merchantId) {
        return "INSERT INTO transactions (syssn, app_id, merchant_id, order_type, out_trade_no, pay_type, txamt, txcurrcd,"
                + " txdtm, txzone, sysdtm, respcd, request_digest) VALUES ('" + syssn + "', " + appId + ", " + merchantId
                + ", 'payment', 'o-" + syssn + "', '801101', 300, 'HKD', '2026-11-27 10:00:00', '+0800',"
                + " TIMESTAMP '2026-11-27 10:00:00', '1143', '" + "d".repeat(64) + "')";
    }
}
