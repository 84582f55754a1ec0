package io.qfgate.sandbox.ledger;

import io.qfgate.protocol.Currency;
import java.math.BigDecimal;
import java.math.RoundingMode;

/** CNY conversions. Every amount is a long in minor units; BigDecimal only for the products. */
public final class Money {
    private Money() {}

    /** The CNY price, in fen, of an amount in minor units at a rate of CNY per major unit. */
    public static long cnyFen(long minorUnits, Currency currency, BigDecimal cnyPerMajorUnit) {
        return BigDecimal.valueOf(minorUnits, currency.minorDigits())
                .multiply(cnyPerMajorUnit)
                .setScale(2, RoundingMode.HALF_UP)
                .movePointRight(2)
                .longValueExact();
    }

    /**
     * The CNY owed back once {@code refundedMinor} of {@code totalMinor} is refunded: the paid CNY
     * pro rata, so that refunding everything gives back exactly what was paid.
     */
    static long proRataFen(long paidFen, long refundedMinor, long totalMinor) {
        return BigDecimal.valueOf(paidFen)
                .multiply(BigDecimal.valueOf(refundedMinor))
                .divide(BigDecimal.valueOf(totalMinor), 0, RoundingMode.HALF_UP)
                .longValueExact();
    }
}
