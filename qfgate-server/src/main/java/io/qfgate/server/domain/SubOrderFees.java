package io.qfgate.server.domain;

/**
 * The fees of a split order's sub-order, in fen (0.01 CNY): QFPay requires
 * {@code order_fee = product_fee + transport_fee}.
 */
public record SubOrderFees(long orderFee, long productFee, long transportFee) {

    public SubOrderFees {
        if (orderFee <= 0 || productFee < 0 || transportFee < 0) {
            throw Refusal.parameter("order_fee", "fees must not be negative and order_fee must be positive");
        }
        if (orderFee != productFee + transportFee) {
            throw Refusal.parameter("order_fee", orderFee + " is not product_fee + transport_fee ("
                    + productFee + " + " + transportFee + ")");
        }
    }
}
