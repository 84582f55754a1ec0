package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;

/** What a channel says about one order when asked. */
public sealed interface ChannelStatus {

    /** The shopper paid this amount; the receipt says how. */
    record Paid(long txamt, Currency currency, Receipt receipt) implements ChannelStatus {}

    /** Still waiting for the shopper. */
    record Waiting() implements ChannelStatus {}

    /** Closed at the channel (expired there, or cancelled): it can no longer be paid. */
    record Closed() implements ChannelStatus {}

    /** The channel has never seen the order (the shopper never opened the pay URL). */
    record Unknown() implements ChannelStatus {}
}
