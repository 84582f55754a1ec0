package io.qfgate.server.domain;

import io.qfgate.protocol.Currency;
import java.time.LocalDateTime;

/**
 * What the channel reported when the shopper paid: its own serial number ({@code chnlsn}), the
 * payer ({@code cardcd}, Alipay's buyer id), and the amount the wallet was charged in its own
 * currency ({@code cash_fee} in minor units of {@code cash_fee_type}, CNY for Alipay).
 */
public record Receipt(
        LocalDateTime paydtm,
        String chnlsn,
        String cardcd,
        String exchangeRate,
        Long cashFee,
        Currency cashFeeType) {

    /** This receipt, timed {@code fallback} if the channel gave no time. */
    public Receipt timedOr(LocalDateTime fallback) {
        return paydtm != null ? this : new Receipt(fallback, chnlsn, cardcd, exchangeRate, cashFee, cashFeeType);
    }
}
