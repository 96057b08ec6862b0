package io.channelshift.starter.payments;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MoneyTest {

  @ParameterizedTest
  @CsvSource({"0,0.00", "5,0.05", "10,0.10", "1234,12.34", "100000000,1000000.00", "-250,-2.50"})
  void formatsMinorUnitsExactly(long minor, String text) {
    assertThat(Money.format(minor)).isEqualTo(text);
  }
}
