package io.qfgate.protocol;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * The currencies QFPay accepts, with their ISO 4217 minor-unit digits. Amounts on the wire
 * ({@code txamt}) are integers in the minor unit: 100 = 1.00 HKD, but 500 = 500 JPY.
 */
public enum Currency {
    AED(2), CNY(2), EUR(2), HKD(2), IDR(2), JPY(0), MMK(2), MYR(2), SGD(2), THB(2), USD(2), CAD(2), AUD(2);

    private final int minorDigits;

    Currency(int minorDigits) {
        this.minorDigits = minorDigits;
    }

    public int minorDigits() {
        return minorDigits;
    }

    public static Optional<Currency> of(String code) {
        if (code == null) {
            return Optional.empty();
        }
        for (Currency c : values()) {
            if (c.name().equals(code)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** Minor units as a plain major-unit decimal: 300 HKD → "3.00", 500 JPY → "500". */
    public String toMajor(long minorUnits) {
        return BigDecimal.valueOf(minorUnits, minorDigits).toPlainString();
    }

    /**
     * A major-unit decimal back to minor units; refuses values with more decimals than the
     * currency has (rather than rounding money away).
     */
    public long toMinor(String major) {
        return new BigDecimal(major).movePointRight(minorDigits).longValueExact();
    }
}
