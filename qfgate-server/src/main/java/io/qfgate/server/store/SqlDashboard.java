package io.qfgate.server.store;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import io.qfgate.protocol.Respcd;
import io.qfgate.server.domain.OrderType;
import io.qfgate.server.domain.PortalDashboard;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import org.jdbi.v3.core.Jdbi;

/** The dashboard's sums: one GROUP BY over the merchants' transactions of the range ({@code transactions_app_sysdtm} narrows it). */
public final class SqlDashboard implements PortalDashboard.Store {
    private final Jdbi jdbi;

    public SqlDashboard(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public List<PortalDashboard.Group> groups(Collection<Long> merchantIds, LocalDate from, LocalDate to) {
        // The success code is a constant, written into the text: PostgreSQL matches the GROUP BY to the
        // SELECT by their text, and two bound parameters would be two different expressions.
        String ok = "CASE WHEN respcd = '" + Respcd.SUCCESS.code() + "' THEN 1 ELSE 0 END";
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT CAST(sysdtm AS DATE) AS sys_date, txcurrcd, pay_type, order_type,
                               %s AS ok,
                               COUNT(*) AS n, SUM(txamt) AS amount
                        FROM transactions
                        WHERE merchant_id IN (<ids>) AND sysdtm >= :from AND sysdtm < :to
                        GROUP BY CAST(sysdtm AS DATE), txcurrcd, pay_type, order_type,
                                 %s""".formatted(ok, ok))
                .bindList("ids", List.copyOf(merchantIds))
                .bind("from", from.atStartOfDay())
                .bind("to", to.plusDays(1).atStartOfDay())
                .map((rs, ctx) -> new PortalDashboard.Group(rs.getObject("sys_date", LocalDate.class),
                        Currency.valueOf(rs.getString("txcurrcd")), PayType.of(rs.getString("pay_type")).orElseThrow(),
                        OrderType.fromDb(rs.getString("order_type")), rs.getInt("ok") == 1, rs.getLong("n"),
                        rs.getLong("amount")))
                .list());
    }
}
