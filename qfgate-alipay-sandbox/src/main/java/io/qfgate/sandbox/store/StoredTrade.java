package io.qfgate.sandbox.store;

import io.qfgate.sandbox.ledger.CloseReason;
import io.qfgate.sandbox.ledger.OrderTerms;
import io.qfgate.sandbox.ledger.TradeStatus;
import java.math.BigDecimal;
import java.time.Instant;

/**
 * One trade as stored: terms, numbers and CNY price fixed when opened, then its state. The
 * stored status is not the effective one: an unpaid trade past {@code expiresAt} reads closed
 * (see the ledger's views) before the sweep writes it so.
 */
public record StoredTrade(
        OrderTerms terms,
        String tradeNo,
        String walletToken,
        BigDecimal cnyRate,
        long cnyFen,
        Instant createdAt,
        Instant expiresAt,
        TradeStatus status,
        CloseReason closeReason,
        String payerLogin,
        Instant paidAt,
        Instant closedAt,
        long refundedMinor,
        long refundedCnyFen,
        Instant lastChange) {

    /** A new, unpaid trade. */
    public static StoredTrade opened(OrderTerms terms, String tradeNo, String walletToken, BigDecimal cnyRate,
            long cnyFen, Instant createdAt, Instant expiresAt) {
        return new StoredTrade(terms, tradeNo, walletToken, cnyRate, cnyFen, createdAt, expiresAt,
                TradeStatus.WAIT_BUYER_PAY, null, null, null, null, 0, 0, createdAt);
    }

    public StoredTrade paidBy(String login, Instant at) {
        return new StoredTrade(terms, tradeNo, walletToken, cnyRate, cnyFen, createdAt, expiresAt,
                TradeStatus.TRADE_FINISHED, null, login, at, null, refundedMinor, refundedCnyFen, at);
    }

    public StoredTrade closed(CloseReason reason, Instant at) {
        return new StoredTrade(terms, tradeNo, walletToken, cnyRate, cnyFen, createdAt, expiresAt,
                TradeStatus.TRADE_CLOSED, reason, payerLogin, paidAt, at, refundedMinor, refundedCnyFen, at);
    }

    public StoredTrade refunded(long amountMinor, long cnyFen, Instant at) {
        return new StoredTrade(terms, tradeNo, walletToken, cnyRate, this.cnyFen, createdAt, expiresAt, status,
                closeReason, payerLogin, paidAt, closedAt, Math.addExact(refundedMinor, amountMinor),
                Math.addExact(refundedCnyFen, cnyFen), at);
    }

    /** Payable at {@code now}: unpaid, not closed, validity not over. */
    public boolean payableAt(Instant now) {
        return status == TradeStatus.WAIT_BUYER_PAY && now.isBefore(expiresAt);
    }
}
