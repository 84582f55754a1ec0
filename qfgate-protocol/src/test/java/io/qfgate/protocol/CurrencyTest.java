package io.qfgate.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Currencies and their minor units (docs/api.md, Amounts and currencies). */
class CurrencyTest {

    /** QFPay's currency list, verbatim (docs/api.md, Amounts and currencies). */
    static final String[] SPEC_CURRENCIES = {
        "AED", "CNY", "EUR", "HKD", "IDR", "JPY", "MMK", "MYR", "SGD", "THB", "USD", "CAD", "AUD"
    };

    // --- the table ----------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"AED", "CNY", "EUR", "HKD", "IDR", "JPY", "MMK", "MYR", "SGD", "THB", "USD", "CAD", "AUD"})
    void of_everyCurrencyOfTheSpec_isKnown(String code) {
        assertThat(Currency.of(code)).hasValueSatisfying(c -> assertThat(c.name()).isEqualTo(code));
    }

    @Test
    void values_areExactlyTheCurrenciesOfTheSpec() {
        assertThat(Arrays.stream(Currency.values()).map(Enum::name)).containsExactlyInAnyOrder(SPEC_CURRENCIES);
    }

    @ParameterizedTest
    @ValueSource(strings = {"XXX", "GBP", "HK", "HKDD", ""})
    void of_unknownCode_isEmpty(String code) {
        assertThat(Currency.of(code)).isEmpty();
    }

    @Test
    void of_null_isEmpty() {
        assertThat(Currency.of(null)).isEmpty();
    }

    @Test
    void jpy_hasNoMinorDigits() {
        assertThat(Currency.JPY.minorDigits()).isZero();
    }

    @ParameterizedTest
    @EnumSource(value = Currency.class, names = "JPY", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherCurrency_hasTwoMinorDigits(Currency currency) {
        // ISO 4217: AED CNY EUR HKD IDR MMK MYR SGD THB USD CAD AUD all have 2.
        assertThat(currency.minorDigits()).isEqualTo(2);
    }

    // --- minor → major ------------------------------------------------------------------------

    @Test
    void toMajor_jpy500_is500Yen() {
        assertThat(Currency.JPY.toMajor(500)).isEqualTo("500");
    }

    @Test
    void toMajor_hkd300_is3Dollars() {
        assertThat(Currency.HKD.toMajor(300)).isEqualTo("3.00");
    }

    @Test
    void toMajor_usd1_isOneCent() {
        assertThat(Currency.USD.toMajor(1)).isEqualTo("0.01");
    }

    @Test
    void toMajor_zero_keepsTheCurrencysDigits() {
        assertThat(Currency.HKD.toMajor(0)).isEqualTo("0.00");
        assertThat(Currency.JPY.toMajor(0)).isEqualTo("0");
    }

    @Test
    void toMajor_largestTxamt_isPlainDecimal_neverScientific() {
        // txamt is Int(11): up to 99999999999 minor units.
        assertThat(Currency.HKD.toMajor(99_999_999_999L)).isEqualTo("999999999.99");
        assertThat(Currency.JPY.toMajor(99_999_999_999L)).isEqualTo("99999999999");
    }

    // --- major → minor ------------------------------------------------------------------------

    @Test
    void toMinor_hkd3_00_is300() {
        assertThat(Currency.HKD.toMinor("3.00")).isEqualTo(300);
    }

    @Test
    void toMinor_acceptsFewerDecimalsThanTheCurrencyHas() {
        assertThat(Currency.HKD.toMinor("3")).isEqualTo(300);
        assertThat(Currency.HKD.toMinor("3.5")).isEqualTo(350);
    }

    @Test
    void toMinor_jpy500_is500() {
        assertThat(Currency.JPY.toMinor("500")).isEqualTo(500);
    }

    @Test
    void toMinor_extraDecimalDigit_throwsInsteadOfRounding() {
        assertThatThrownBy(() -> Currency.HKD.toMinor("3.001")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void toMinor_fractionOfAYen_throwsInsteadOfRounding() {
        assertThatThrownBy(() -> Currency.JPY.toMinor("500.5")).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void toMinor_notANumber_throws() {
        assertThatThrownBy(() -> Currency.HKD.toMinor("3,00")).isInstanceOf(NumberFormatException.class);
        assertThatThrownBy(() -> Currency.HKD.toMinor("")).isInstanceOf(NumberFormatException.class);
    }
}
