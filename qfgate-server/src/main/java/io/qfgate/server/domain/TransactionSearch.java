package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import io.qfgate.protocol.PayType;
import java.time.LocalDate;

/**
 * What the portal's transaction list asks for. Nulls do not filter. {@code from} and {@code to}
 * are gateway dates, both included; {@code q} is a syssn, out_trade_no or udid, matched exactly;
 * {@code mchid} picks one of an agent's sub-merchants.
 */
public record TransactionSearch(LocalDate from, LocalDate to, PayType payType, State state, Currency currency,
        String mchid, String q) {

    /** The longest {@code q}: an out_trade_no's 128 characters. */
    public static final int MAX_Q = 128;

    public static TransactionSearch all() {
        return new TransactionSearch(null, null, null, null, null, null, null);
    }

    /** The states a merchant thinks in; each is a set of response codes (and for refunds an order type). */
    public enum State {
        /** A successful payment nothing was refunded of. */
        PAID,
        /** Not paid yet, or a refund still being confirmed. */
        PENDING,
        /** Closed by the merchant before payment. */
        CLOSED,
        /** Not paid in time. */
        EXPIRED,
        /** A payment of which some or all was refunded. */
        REFUNDED,
        /** A refund done (the refund's own row). */
        REFUND,
        /** Refused by the channel or otherwise failed. */
        FAILED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The state a transaction is in: the one whose filter finds it. */
        public static State of(Transaction t) {
            if (t.isRefund()) {
                return t.isPending() ? PENDING : t.respcd() == io.qfgate.protocol.Respcd.SUCCESS ? REFUND : FAILED;
            }
            return switch (t.respcd()) {
                case SUCCESS -> t.refundedAmount() > 0 ? REFUNDED : PAID;
                case NOT_PAID_YET, PROCESSING -> PENDING;
                case ORDER_CLOSED -> CLOSED;
                case ORDER_EXPIRED -> EXPIRED;
                default -> FAILED;
            };
        }

        public static java.util.Optional<State> of(String code) {
            for (State s : values()) {
                if (s.code().equals(code)) {
                    return java.util.Optional.of(s);
                }
            }
            return java.util.Optional.empty();
        }
    }
}
