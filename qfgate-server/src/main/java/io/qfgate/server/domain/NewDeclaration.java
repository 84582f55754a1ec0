package io.qfgate.server.domain;

/**
 * A merchant's request to declare a payment (or one sub-order of it) to customs. {@code amount}
 * is in fen; {@code subOrderNo} and {@code fees} are both null unless the order is split.
 */
public record NewDeclaration(
        String mchid,
        String syssn,
        String customs,
        String merchantCustomsNo,
        String merchantCustomsName,
        String outRequestNo,
        long amount,
        String subOrderNo,
        SubOrderFees fees) {}
