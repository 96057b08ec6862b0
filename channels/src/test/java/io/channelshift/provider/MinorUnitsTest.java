package io.channelshift.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class MinorUnitsTest {

  @Test
  void fenBecomeYuanWithTwoDecimalsExactly() {
    assertThat(MinorUnits.toDecimal(1, 2)).isEqualTo("0.01");
    assertThat(MinorUnits.toDecimal(10, 2)).isEqualTo("0.10");
    assertThat(MinorUnits.toDecimal(1234, 2)).isEqualTo("12.34");
    assertThat(MinorUnits.toDecimal(100_000_000_00L, 2)).isEqualTo("100000000.00");
    assertThat(MinorUnits.toDecimal(Long.MAX_VALUE, 2)).isEqualTo("92233720368547758.07");
  }

  @Test
  void yuanBecomeFenExactlyWhateverTheTrailingZeros() {
    assertThat(MinorUnits.fromDecimal("0.01", 2)).isEqualTo(1);
    assertThat(MinorUnits.fromDecimal("12.3", 2)).isEqualTo(1230);
    assertThat(MinorUnits.fromDecimal("12", 2)).isEqualTo(1200);
    assertThat(MinorUnits.fromDecimal("12.3400", 2)).isEqualTo(1234);
    // 0.1 + 0.2 style amounts that a double would get wrong
    assertThat(MinorUnits.fromDecimal("0.29", 2)).isEqualTo(29);
    assertThat(MinorUnits.fromDecimal("1.15", 2)).isEqualTo(115);
  }

  @Test
  void everyAmountSurvivesTheRoundTrip() {
    SplittableRandom random = new SplittableRandom(42);
    for (int i = 0; i < 100_000; i++) {
      long fen = random.nextLong(0, 1_000_000_000_000L);
      assertThat(MinorUnits.fromDecimal(MinorUnits.toDecimal(fen, 2), 2)).isEqualTo(fen);
    }
  }

  @Test
  void anythingButAPlainDecimalWithinTheScaleIsRefused() {
    for (String bad :
        new String[] {
          "12.345", "1e3", "0x10", " 12.00", "12,00", "", "NaN", "99999999999999999999"
        }) {
      assertThatThrownBy(() -> MinorUnits.fromDecimal(bad, 2))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> MinorUnits.fromDecimal(null, 2))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MinorUnits.toInt(1L + Integer.MAX_VALUE))
        .isInstanceOf(ArithmeticException.class);
  }
}
