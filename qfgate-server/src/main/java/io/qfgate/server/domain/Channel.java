package io.qfgate.server.domain;

import io.qfgate.protocol.PayType;
import java.util.Optional;
import java.util.Set;

/**
 * A payment network the gateway can carry orders to (Alipay today). Channels are pluggable: the
 * API layer and {@link PaymentService} know only this interface.
 */
public interface Channel {

    /** The pay types this channel carries. */
    Set<PayType> payTypes();

    /**
     * The URL the shopper opens to pay this order, built from the stored order alone so that it is
     * deterministic for a given order. Refuses with {@link Refusal} if the channel is not set up.
     */
    String payUrl(Transaction order, Merchant merchant);

    /** Asks the channel what became of the order. Throws if the channel cannot be reached. */
    ChannelStatus status(Transaction order);

    /**
     * Asks the channel to close an unpaid order so it can no longer be paid, and returns what the
     * channel then says about it (a payment that won the race comes back as {@link ChannelStatus.Paid}).
     */
    ChannelStatus close(Transaction order);

    /**
     * Why this channel cannot cancel the order at all (whatever its state), or empty if it can
     * be asked to: some wallets have no way to close an order, which then only expires.
     */
    Optional<String> whyNotCancellable(Transaction order);

    /**
     * Refunds {@code refund.txamt()} of {@code payment} to the shopper, under the refund's own syssn
     * so that asking again after a lost answer refunds once. Throws if the outcome is unknown (the
     * channel could not be reached); the refund is then tried again later.
     */
    RefundOutcome refund(Transaction payment, Transaction refund);

    /** What the channel did with a refund. */
    sealed interface RefundOutcome {
        /** Done; the receipt has the channel's time and what went back to the wallet. */
        record Refunded(Receipt receipt) implements RefundOutcome {}

        /** Refused by the channel, with its reason; nothing was refunded. */
        record Refused(String reason) implements RefundOutcome {}
    }
}
