package io.qfgate.sandbox.ledger;

import java.time.Instant;

/** One accepted {@code forex_refund}: the amount in the order currency and the CNY given back. */
public record Refund(String outReturnNo, long amountMinor, long cnyFen, String reason, Instant at) {}
