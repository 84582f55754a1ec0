package io.qfgate.sandbox.ledger;

import io.qfgate.sandbox.Buyer;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One trade. Its terms, numbers and CNY price are fixed when it is opened; its state changes
 * only while {@link #lock} is held, which is how paying twice (two clicks, two tabs) debits the
 * buyer once. A ReentrantLock rather than {@code synchronized} keeps virtual threads unpinned on
 * JDK 21.
 */
final class Order {
    final ReentrantLock lock = new ReentrantLock();

    final OrderTerms terms;
    final String tradeNo;
    final String walletToken;
    final BigDecimal cnyRate;
    final long cnyFen;
    final Instant createdAt;
    final Instant expiresAt;

    // Guarded by lock.
    private TradeStatus status = TradeStatus.WAIT_BUYER_PAY;
    private CloseReason closeReason;
    private Buyer payer;
    private Instant paidAt;
    private Instant closedAt;
    private Instant lastChange;
    private long refundedMinor;
    private long refundedCnyFen;
    private final Map<String, Refund> refunds = new LinkedHashMap<>();

    Order(OrderTerms terms, String tradeNo, String walletToken, BigDecimal cnyRate, long cnyFen, Instant createdAt,
            Instant expiresAt) {
        this.terms = terms;
        this.tradeNo = tradeNo;
        this.walletToken = walletToken;
        this.cnyRate = cnyRate;
        this.cnyFen = cnyFen;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastChange = createdAt;
    }

    TradeStatus status() {
        return status;
    }

    Buyer payer() {
        return payer;
    }

    long refundedMinor() {
        return refundedMinor;
    }

    long refundedCnyFen() {
        return refundedCnyFen;
    }

    Refund refund(String outReturnNo) {
        return refunds.get(outReturnNo);
    }

    Instant lastChange() {
        return lastChange;
    }

    List<Refund> refunds() {
        return List.copyOf(refunds.values());
    }

    /** Closes an unpaid order whose validity has run out; true if it did so now. */
    boolean expireIfDue(Instant now) {
        if (status == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(expiresAt)) {
            close(CloseReason.EXPIRED, expiresAt);
            return true;
        }
        return false;
    }

    void close(CloseReason reason, Instant at) {
        if (status != TradeStatus.WAIT_BUYER_PAY) {
            throw new IllegalStateException("only an unpaid order can close, " + tradeNo + " is " + status);
        }
        status = TradeStatus.TRADE_CLOSED;
        closeReason = reason;
        closedAt = at;
        lastChange = at;
    }

    void markPaid(Buyer buyer, Instant at) {
        if (status != TradeStatus.WAIT_BUYER_PAY) {
            throw new IllegalStateException("a trade is paid once, " + tradeNo + " is " + status);
        }
        status = TradeStatus.TRADE_FINISHED;
        payer = buyer;
        paidAt = at;
        lastChange = at;
    }

    void addRefund(Refund refund) {
        refundedMinor = Math.addExact(refundedMinor, refund.amountMinor());
        refundedCnyFen = Math.addExact(refundedCnyFen, refund.cnyFen());
        // The money invariants, checked where they are written.
        if (refundedMinor > terms.totalMinor() || refundedCnyFen > cnyFen || refund.cnyFen() < 0) {
            throw new IllegalStateException("refunds of " + tradeNo + " exceed what was paid");
        }
        refunds.put(refund.outReturnNo(), refund);
        lastChange = refund.at();
    }

    OrderView view(Instant now) {
        boolean expired = status == TradeStatus.WAIT_BUYER_PAY && !now.isBefore(expiresAt);
        return new OrderView(terms, tradeNo, walletToken, cnyRate, cnyFen, createdAt, expiresAt,
                expired ? TradeStatus.TRADE_CLOSED : status,
                expired ? CloseReason.EXPIRED : closeReason,
                payer, paidAt, expired ? expiresAt : closedAt, refundedMinor, refundedCnyFen, refunds());
    }
}
