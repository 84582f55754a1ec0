package io.qfgate.server.domain;

import io.qfgate.protocol.PayType;
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
}
