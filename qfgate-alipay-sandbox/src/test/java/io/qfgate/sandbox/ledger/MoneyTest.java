package io.qfgate.sandbox.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.qfgate.protocol.Currency;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void cnyPriceRoundsHalfUpToTheFen() {
        assertThat(Money.cnyFen(300, Currency.HKD, new BigDecimal("0.9150"))).isEqualTo(275); // 2.745
        assertThat(Money.cnyFen(500, Currency.JPY, new BigDecimal("0.048"))).isEqualTo(2400);
        assertThat(Money.cnyFen(1, Currency.USD, new BigDecimal("7.18"))).isEqualTo(7); // 0.0718
        assertThat(Money.cnyFen(123, Currency.CNY, BigDecimal.ONE)).isEqualTo(123);
    }

    @Test
    void proRataRefundsSumToWhatWasPaid() {
        long paid = 9150;
        long total = 10_000;
        long first = Money.proRataFen(paid, 3333, total);
        long second = Money.proRataFen(paid, 6666, total) - first;
        long last = Money.proRataFen(paid, total, total) - first - second;

        assertThat(first + second + last).isEqualTo(paid);
        assertThat(first).isEqualTo(3050);
    }
}
