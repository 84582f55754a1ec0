package io.qfgate.server.domain;

import java.util.Optional;

/** What the domain needs from storage; implemented over SQL in {@code store/}. */
public final class Stores {
    private Stores() {}

    public interface Apps {
        Optional<App> byAppCode(String appCode);

        Optional<Merchant> merchantOfApp(long appId);

        Optional<Merchant> merchantByMchid(long appId, String mchid);
    }

    public interface Transactions {
        /** Inserts the order; false if the merchant already has this {@code out_trade_no}. */
        boolean insert(Transaction transaction);

        Optional<Transaction> byOutTradeNo(long merchantId, String outTradeNo);

        Optional<Transaction> bySyssn(String syssn);

        /** Pending payments whose expiry time is at or before {@code now}, soonest first. */
        java.util.List<Transaction> pendingDueBy(java.time.LocalDateTime now, int limit);

        /**
         * Makes a pending (or expired) payment successful with the channel's receipt; false if it
         * was not in such a state, so a payment succeeds once however often it is reported.
         */
        boolean markPaid(String syssn, Receipt receipt);

        /** Makes a pending payment expired (1181); false if it was no longer pending. */
        boolean markExpired(String syssn);

        /** A new, never used 26-digit system serial number for the given gateway date. */
        String nextSyssn(java.time.LocalDate gatewayDate);
    }
}
