package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Properties of the minor-unit conversion: money never changes on the way there and back.
 *
 * <p>Each property runs, for every currency, over fixed edge amounts and then {@value #CASES}
 * amounts from 0 to 10^11 drawn from a {@link Random} seeded with {@value #SEED}; a failure names
 * the seed and the case number.
 */
class CurrencyPropertiesTest {

    private static final long SEED = 0x5EED_C0_12L;
    private static final int CASES = 1000;
    private static final long MAX_MINOR = 100_000_000_000L;

    private static final List<Long> EDGE_AMOUNTS =
            List.of(0L, 1L, 9L, 10L, 99L, 100L, 101L, 1_000L, 999_999L, MAX_MINOR - 1, MAX_MINOR);

    /** One amount in minor units and where it came from. */
    private record Case(String origin, long minor) {
        @Override
        public String toString() {
            return origin + ": minor=" + minor;
        }
    }

    @Test
    void toMinor_ofToMajor_givesTheAmountBack() {
        for (Case c : cases()) {
            for (Currency currency : Currency.values()) {
                assertThat(currency.toMinor(currency.toMajor(c.minor()))).as("%s, %s", c, currency).isEqualTo(c.minor());
            }
        }
    }

    @Test
    void toMajor_anyAmount_hasExactlyTheCurrencysDecimals() {
        for (Case c : cases()) {
            for (Currency currency : Currency.values()) {
                String major = currency.toMajor(c.minor());

                if (currency.minorDigits() == 0) {
                    assertThat(major).as("%s, %s", c, currency).matches("\\d+");
                } else {
                    assertThat(major).as("%s, %s", c, currency).matches("\\d+\\.\\d{" + currency.minorDigits() + "}");
                }
            }
        }
    }

    /** The edge amounts, then {@value #CASES} random amounts in [0, 10^11]. */
    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>();
        EDGE_AMOUNTS.forEach(minor -> cases.add(new Case("edge case", minor)));
        Random random = new Random(SEED);
        for (int i = 0; i < CASES; i++) {
            // Half spread evenly over the whole range (mostly 11-digit amounts), half with a random
            // number of digits so small amounts such as 5 (0.05 HKD) come up as often as large ones.
            long bound = random.nextBoolean() ? MAX_MINOR : pow10(random.nextInt(12));
            cases.add(new Case("seed " + SEED + ", case " + i, random.nextLong(bound + 1)));
        }
        return cases;
    }

    private static long pow10(int exponent) {
        long result = 1;
        for (int i = 0; i < exponent; i++) {
            result *= 10;
        }
        return result;
    }
}
