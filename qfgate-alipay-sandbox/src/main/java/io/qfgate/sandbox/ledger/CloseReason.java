package io.qfgate.sandbox.ledger;

/** Why a trade is {@link TradeStatus#TRADE_CLOSED}; the wallet shows the two differently. */
public enum CloseReason {
    CLOSED_BY_MERCHANT,
    EXPIRED
}
