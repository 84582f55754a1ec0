package io.qfgate.sandbox.store;

import io.qfgate.sandbox.Buyer;
import io.qfgate.sandbox.customs.CustomsDesk.Declaration;
import io.qfgate.sandbox.ledger.CloseReason;
import io.qfgate.sandbox.ledger.Refund;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where the sandbox keeps its books: trades, refunds, buyers' balances, the notifications it
 * owes and the customs declarations it was sent. {@link MemoryStore} serves the sandbox alone; the gateway keeps them in its database, so
 * that a restart forgets nothing and several nodes on one database share one Alipay.
 *
 * <p>Every operation that moves money or changes a trade's state is one atomic step whose
 * conditions are checked where it is written (a conditional UPDATE in SQL): two callers, on one
 * node or two, can never both pay a trade, refund past its total or drive a balance below zero.
 */
public interface SandboxStore {
    /** What {@link #pay} did. */
    enum PayResult { PAID, INSUFFICIENT_BALANCE, NOT_PAYABLE }

    /** What {@link #refund} did. */
    enum RefundResult {
        APPLIED,
        /** The trade changed since it was read (another refund, say): read it again and retry. */
        STALE,
        /** The partner already used this {@code out_return_no}: read it again. */
        DUPLICATE_OUT_RETURN_NO
    }

    /** A refund with the trade it belongs to. */
    record RefundEntry(String tradeNo, Refund refund) {}

    /** Gives buyers not yet known their opening balance; balances already kept stay as they are. */
    void seedBuyers(Collection<Buyer> buyers);

    /** The buyer's CNY balance in fen; empty for a buyer never seeded. */
    Optional<Long> balanceFen(String login);

    /**
     * Stores {@code fresh} unless its partner already has a trade with that {@code out_trade_no};
     * returns the stored trade either way (of two racing, one wins and both see it).
     */
    StoredTrade insertOrGet(StoredTrade fresh);

    Optional<StoredTrade> byOutTradeNo(String partnerId, String outTradeNo);

    Optional<StoredTrade> byTradeNo(String tradeNo);

    Optional<StoredTrade> byToken(String walletToken);

    /** The trade's refunds, oldest first. */
    List<Refund> refunds(String tradeNo);

    Optional<RefundEntry> refundByOutReturnNo(String partnerId, String outReturnNo);

    /**
     * In one step: the trade, if still unpaid and unexpired at {@code at}, becomes paid by the
     * buyer; the buyer is debited {@code cnyFen} if the balance covers it; {@code notice} (may be
     * null) is queued. Either all of it happens or none.
     */
    PayResult pay(String tradeNo, String buyerLogin, long cnyFen, Instant at, Notice notice);

    /** Closes the trade if it is unpaid; false if it was not. */
    boolean close(String tradeNo, CloseReason reason, Instant at);

    /**
     * In one step: records the refund, adds it to the trade's refunded totals and credits the
     * payer, provided the trade is paid, its refunded amount is still {@code refundedMinorBefore}
     * and the total is not exceeded.
     */
    RefundResult refund(String partnerId, String tradeNo, long refundedMinorBefore, String payerLogin, Refund refund);

    /** Closes, as expired, the unpaid trades whose validity ended by {@code now}; how many. */
    int expireDue(Instant now);

    /** Forgets paid or closed trades (with their refunds) unchanged since before {@code cutoff}. */
    int forgetSettledBefore(Instant cutoff);

    /**
     * Claims up to {@code limit} pending notifications due at {@code now} until {@code leaseUntil}
     * and marks them sent (the receiver asks {@code notify_verify} while the POST is out). A
     * claimed one is not handed out again before its lease ends, on this node or another.
     */
    List<Notice> claimDue(Instant now, Instant leaseUntil, int limit);

    /** The outcome of an attempt: delivered or given up ({@code settledAt} set), or due again at {@code nextAttemptAt}. */
    void recordAttempt(String notifyId, int attempts, Instant nextAttemptAt, Instant settledAt);

    /** True for a notification really sent, at least once, to this partner. */
    boolean wasSent(String partnerId, String notifyId);

    /** Forgets notifications settled before {@code cutoff}. */
    int forgetNoticesSettledBefore(Instant cutoff);

    /** The partner's declaration under this {@code out_request_no}. */
    Optional<Declaration> declaration(String partnerId, String outRequestNo);

    /**
     * Stores {@code next} if the partner's declaration under its number is still {@code previous}
     * (null: none yet); false if another request got there first (read it again). Alipay
     * declaration numbers ({@code declareNo}) are unique across partners.
     */
    boolean saveDeclaration(String partnerId, Declaration previous, Declaration next);
}
