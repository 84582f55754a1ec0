package io.qfgate.server.store;

import io.qfgate.server.domain.CustomsDeclaration;
import io.qfgate.server.domain.CustomsDeclarations;
import io.qfgate.server.domain.CustomsState;
import io.qfgate.server.domain.SubOrderFees;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** Customs declarations in the {@code customs_declarations} table. */
public final class SqlCustomsDeclarations implements CustomsDeclarations {
    /** The stored {@code sub_order_no} of a declaration of the whole (unsplit) order. */
    private static final String WHOLE_ORDER = "";

    private static final String COLUMNS = """
            app_id, payment_syssn, sub_order_no, out_request_no, customs, mch_customs_no, mch_customs_name,
            amount, order_fee, product_fee, transport_fee, state, declare_no, reason, pushes, created_at, updated_at""";

    private final Jdbi jdbi;

    public SqlCustomsDeclarations(Database database) {
        this.jdbi = database.jdbi();
    }

    @Override
    public Inserted insert(CustomsDeclaration d) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO customs_declarations (" + COLUMNS + """
                    ) VALUES (:app, :payment, :sub, :outRequestNo, :customs, :mchCustomsNo, :mchCustomsName,
                      :amount, :orderFee, :productFee, :transportFee, :state, :declareNo, :reason, :pushes,
                      :createdAt, :updatedAt)""")
                    .bind("app", d.appId())
                    .bind("payment", d.paymentSyssn())
                    .bind("sub", stored(d.subOrderNo()))
                    .bind("outRequestNo", d.outRequestNo())
                    .bind("customs", d.customs())
                    .bind("mchCustomsNo", d.merchantCustomsNo())
                    .bind("mchCustomsName", d.merchantCustomsName())
                    .bind("amount", d.amount())
                    .bind("orderFee", d.fees() == null ? null : d.fees().orderFee())
                    .bind("productFee", d.fees() == null ? null : d.fees().productFee())
                    .bind("transportFee", d.fees() == null ? null : d.fees().transportFee())
                    .bind("state", state(d.state()))
                    .bind("declareNo", d.declareNo())
                    .bind("reason", clip(d.reason()))
                    .bind("pushes", d.pushes())
                    .bind("createdAt", d.createdAt())
                    .bind("updatedAt", d.updatedAt())
                    .execute());
            return Inserted.INSERTED;
        } catch (UnableToExecuteStatementException e) {
            if (!Database.isUniqueViolation(e)) {
                throw e;
            }
            // Which key collided: the order's, if it now has a declaration; else the out_request_no.
            return byPayment(d.paymentSyssn(), d.subOrderNo()).isPresent()
                    ? Inserted.ORDER_ALREADY_DECLARED : Inserted.OUT_REQUEST_NO_TAKEN;
        }
    }

    @Override
    public Optional<CustomsDeclaration> byPayment(String paymentSyssn, String subOrderNo) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM customs_declarations WHERE payment_syssn = :payment AND sub_order_no = :sub")
                .bind("payment", paymentSyssn)
                .bind("sub", stored(subOrderNo))
                .map(SqlCustomsDeclarations::read)
                .findOne());
    }

    @Override
    public List<CustomsDeclaration> ofPayment(String paymentSyssn) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                        + " FROM customs_declarations WHERE payment_syssn = :payment ORDER BY id")
                .bind("payment", paymentSyssn)
                .map(SqlCustomsDeclarations::read)
                .list());
    }

    @Override
    public void update(CustomsDeclaration d) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE customs_declarations SET state = :state, declare_no = :declareNo, reason = :reason,
                            pushes = :pushes, updated_at = :updatedAt
                        WHERE payment_syssn = :payment AND sub_order_no = :sub""")
                .bind("state", state(d.state()))
                .bind("declareNo", d.declareNo())
                .bind("reason", clip(d.reason()))
                .bind("pushes", d.pushes())
                .bind("updatedAt", d.updatedAt())
                .bind("payment", d.paymentSyssn())
                .bind("sub", stored(d.subOrderNo()))
                .execute());
    }

    private static CustomsDeclaration read(ResultSet rs, StatementContext ctx) throws SQLException {
        String sub = rs.getString("sub_order_no");
        long orderFee = rs.getLong("order_fee");
        SubOrderFees fees = rs.wasNull() ? null
                : new SubOrderFees(orderFee, rs.getLong("product_fee"), rs.getLong("transport_fee"));
        return new CustomsDeclaration(
                rs.getLong("app_id"),
                rs.getString("payment_syssn"),
                WHOLE_ORDER.equals(sub) ? null : sub,
                rs.getString("out_request_no"),
                rs.getString("customs"),
                rs.getString("mch_customs_no"),
                rs.getString("mch_customs_name"),
                rs.getLong("amount"),
                fees,
                CustomsState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)),
                rs.getString("declare_no"),
                rs.getString("reason"),
                rs.getInt("pushes"),
                rs.getTimestamp("created_at").toLocalDateTime(),
                rs.getTimestamp("updated_at").toLocalDateTime());
    }

    /** A channel's reason can be longer than the column; its start says what went wrong. */
    private static String clip(String reason) {
        return reason == null || reason.length() <= 256 ? reason : reason.substring(0, 256);
    }

    private static String stored(String subOrderNo) {
        return subOrderNo == null ? WHOLE_ORDER : subOrderNo;
    }

    private static String state(CustomsState state) {
        return state.name().toLowerCase(Locale.ROOT);
    }
}
