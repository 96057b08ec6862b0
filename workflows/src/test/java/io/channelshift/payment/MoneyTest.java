package io.channelshift.payment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Money is minor units of one currency: sums stay in it, and nothing overflows silently. */
class MoneyTest {

  @Test
  void givenNoCurrency_itIsRefused() {
    assertThatThrownBy(() -> new Money(1, " ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money(1, null)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenOneCurrency_itAddsAndSubtracts() {
    Money paid = new Money(1000, "CNY");
    Money refunded = Money.zero("CNY").plus(new Money(300, "CNY"));

    assertThat(paid.minus(refunded)).isEqualTo(new Money(700, "CNY"));
    assertThat(refunded.atLeast(paid)).isFalse();
    assertThat(paid.atLeast(paid.withMinor(1000))).isTrue();
    assertThat(paid).hasToString("1000 CNY");
  }

  @Test
  void givenTwoCurrenciesOrAnOverflow_itRefusesToAdd() {
    assertThatThrownBy(() -> new Money(1, "CNY").plus(new Money(1, "USD")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Money(Long.MAX_VALUE, "CNY").plus(new Money(1, "CNY")))
        .isInstanceOf(ArithmeticException.class);
  }

  @ParameterizedTest
  @CsvSource({"0,0.00", "5,0.05", "10,0.10", "1234,12.34", "100000000,1000000.00", "-250,-2.50"})
  void itShowsMinorUnitsAsAnExactDecimal(long minor, String text) {
    assertThat(new Money(minor, "CNY").decimal()).isEqualTo(text);
  }
}
