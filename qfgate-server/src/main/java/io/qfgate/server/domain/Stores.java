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

        /** A new, never used 26-digit system serial number for the given gateway date. */
        String nextSyssn(java.time.LocalDate gatewayDate);
    }
}
