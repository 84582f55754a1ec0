package io.qfgate.server.domain;

import java.util.Optional;

/** What the domain needs from storage; implemented over SQL in {@code store/}. */
public final class Stores {
    private Stores() {}

    public interface Apps {
        Optional<App> byAppCode(String appCode);

        Optional<App> byId(long appId);

        Optional<Merchant> merchantById(long merchantId);

        Optional<Merchant> merchantOfApp(long appId);

        Optional<Merchant> merchantByMchid(long appId, String mchid);

        /** Every merchant of the app: an agent's sub-merchants, a merchant app's one. */
        java.util.List<Merchant> merchantsOfApp(long appId);
    }

    public interface Transactions {
        /**
         * Hands the merchants' transactions made in {@code [from, to)} to {@code each}, oldest
         * first, one at a time as the database sends them (a busy day is never held in memory).
         */
        void eachBetween(java.util.Collection<Long> merchantIds, java.time.LocalDateTime from, java.time.LocalDateTime to,
                java.util.function.Consumer<Transaction> each);

        /** Inserts the order; false if the merchant already has this {@code out_trade_no}. */
        boolean insert(Transaction transaction);

        Optional<Transaction> byOutTradeNo(long merchantId, String outTradeNo);

        Optional<Transaction> bySyssn(String syssn);

        /** Pending payments whose expiry time is at or before {@code now}, soonest first. */
        java.util.List<Transaction> pendingDueBy(java.time.LocalDateTime now, int limit);

        /**
         * Makes a pending payment successful with the channel's receipt and stores the merchant's
         * notice (if any) in the same database transaction; false, and nothing stored, if it was
         * not pending, so a payment succeeds once however often it is reported.
         */
        boolean markPaid(String syssn, Receipt receipt, Notice notice);

        /**
         * Records a payment that arrived for a closed or expired order ({@link Transaction#paidLate}),
         * in one database transaction with the refund that returns it (stored pending, 1145) and the
         * payment's notice (if any); false, and nothing stored, if the order was no longer closed or
         * expired (the payment was recorded already), so it is recorded and refunded once.
         */
        boolean markPaidLate(Transaction paidLate, Transaction refund, Notice notice);

        /** Makes a pending payment expired (1181); false if it was no longer pending. */
        boolean markExpired(String syssn);

        /** Makes a pending or expired payment closed (1142); false if it was in another state. */
        boolean markClosed(String syssn);

        /**
         * The syssn of the payment's cancel: the one stored, else {@code newNumber}'s, stored now
         * (the first of concurrent cancels to store one wins, so every cancel answers the same).
         */
        String cancelSyssn(String syssn, java.util.function.Supplier<String> newNumber);

        /**
         * In one database transaction: adds the refund's amount to its payment's refunded total
         * if the payment succeeded and the total stays within the amount paid, and stores the
         * refund (pending, 1145).
         */
        RefundReservation reserveRefund(Transaction refund);

        enum RefundReservation { RESERVED, EXCEEDS_REFUNDABLE, DUPLICATE_OUT_TRADE_NO }

        /**
         * A pending refund done: success with the channel's receipt, and the merchant's notice (if
         * any), in one database transaction. False, and nothing stored, if it was not pending.
         */
        boolean completeRefund(String refundSyssn, Receipt receipt, Notice notice);

        /**
         * A pending refund refused by the channel: failed (1155) with the reason, and its amount
         * given back to the payment's refundable total, in one database transaction.
         */
        boolean failRefund(Transaction refund, String errmsg);

        /** Refunds whose outcome is still unknown, oldest first. */
        java.util.List<Transaction> pendingRefunds(int limit);

        boolean setNote(String syssn, String note);

        /** One page of a merchant's transactions matching the filter, newest first. */
        java.util.List<Transaction> find(long merchantId, TransactionFilter filter, int offset, int limit);

        /**
         * Hands the merchants' transactions matching {@code search} to {@code each}, newest first
         * ({@code sysdtm}, then {@code syssn}), starting after {@code after} (null: from the newest),
         * at most {@code limit}, one at a time as the database sends them.
         */
        void search(java.util.Collection<Long> merchantIds, TransactionSearch search, Transaction after, int limit,
                java.util.function.Consumer<Transaction> each);

        /** The refunds of a payment, oldest first. */
        java.util.List<Transaction> refundsOf(String paymentSyssn);

        /** The newest transactions of these merchants, newest first. */
        java.util.List<Transaction> newest(java.util.Collection<Long> merchantIds, int limit);

        /** A new, never used 26-digit system serial number for the given gateway date. */
        String nextSyssn(java.time.LocalDate gatewayDate);
    }

    /**
     * The notification outbox as the dispatcher works it: claim what is due, record each attempt.
     * Notices get in with the success they announce ({@link Transactions#markPaid}).
     */
    public interface Outbox {
        /** A notice in the outbox, with its delivery state. */
        record Entry(long id, String syssn, long appId, String notifyType, String url, String body, NoticeState state,
                int attempts, java.time.LocalDateTime nextAttemptAt, java.time.LocalDateTime createdAt,
                java.time.LocalDateTime settledAt) {}

        /** One delivery attempt: the merchant's HTTP status and answer, or the error that prevented one. */
        record Attempt(long notificationId, java.time.LocalDateTime attemptedAt, Integer httpStatus, String answer,
                String error, long latencyMs) {}

        /**
         * Claims up to {@code limit} due pending notices for the holder of {@code token} until
         * {@code leaseUntil}; of nodes racing for one, only one gets it. A refund's notice is not
         * claimed while its payment's notice to the same URL is pending: a merchant hears of a
         * payment before its refunds (once the payment's notice has failed for good, the refund's goes).
         */
        java.util.List<Entry> claimDue(String token, java.time.LocalDateTime now, java.time.LocalDateTime leaseUntil,
                int limit);

        /**
         * Records an attempt and the notice's new state, due again at {@code nextAttemptAt} if
         * pending; false if the lease was lost meanwhile (the attempt is still logged).
         */
        boolean recordAttempt(Entry notice, String token, Attempt attempt, NoticeState newState,
                java.time.LocalDateTime nextAttemptAt);

        /** The notice announcing a payment or refund, if one was made. */
        Optional<Entry> bySyssn(String syssn);

        /** A notice's delivery attempts, oldest first. */
        java.util.List<Attempt> attempts(long notificationId);

        /** Puts failed notices (one, or all when id is null) back in line, due now; how many. */
        int resend(Long id, java.time.LocalDateTime now);
    }
}
