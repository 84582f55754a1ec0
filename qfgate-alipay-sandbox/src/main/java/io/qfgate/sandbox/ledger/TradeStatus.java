package io.qfgate.sandbox.ledger;

/** Alipay's {@code trade_status} values for forex trades. */
public enum TradeStatus {
    WAIT_BUYER_PAY,
    TRADE_FINISHED,
    TRADE_CLOSED
}
