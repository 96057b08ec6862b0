package io.channelshift.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.payment.Money;
import java.time.LocalDate;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FeeScheduleTest {

  private static final FeeSchedule QR =
      new FeeSchedule(60, 0, RefundFeePolicy.PROPORTIONAL, SettlementCycle.parse("T+1"));

  @Test
  void thePercentageIsRoundedHalfUpToTheMinorUnit_thenTheFixedFeeIsAdded() {
    assertThat(QR.feeFor(cny(1999)).minor()).isEqualTo(12); // 11.994 -> 12
    assertThat(QR.feeFor(cny(1_000)).minor()).isEqualTo(6); // 6.0
    assertThat(QR.feeFor(cny(1_075)).minor()).isEqualTo(6); // 6.45 -> 6
    assertThat(QR.feeFor(cny(1_084)).minor()).isEqualTo(7); // 6.504 -> 7
    assertThat(QR.feeFor(cny(2_500)).minor()).isEqualTo(15);
    assertThat(
            new FeeSchedule(30, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement())
                .feeFor(cny(50))
                .minor())
        .isEqualTo(0); // 0.15
    assertThat(
            new FeeSchedule(30, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement())
                .feeFor(cny(167))
                .minor())
        .isEqualTo(1); // 0.501
    assertThat(
            new FeeSchedule(0, 10, RefundFeePolicy.NOT_RETURNED, QR.settlement())
                .feeFor(cny(99_999))
                .minor())
        .isEqualTo(10);
    assertThat(
            new FeeSchedule(38, 20, RefundFeePolicy.NOT_RETURNED, QR.settlement())
                .feeFor(cny(10_000))
                .minor())
        .isEqualTo(58);
  }

  @Test
  void aScheduleThatMakesNoSenseIsRefused() {
    assertThatThrownBy(() -> new FeeSchedule(-1, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement()))
        .hasMessageContaining("rate-bps");
    assertThatThrownBy(
            () -> new FeeSchedule(10_001, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement()))
        .hasMessageContaining("rate-bps");
    assertThatThrownBy(() -> new FeeSchedule(60, -5, RefundFeePolicy.PROPORTIONAL, QR.settlement()))
        .hasMessageContaining("fixed-minor");
    assertThatThrownBy(() -> SettlementCycle.parse("T+")).hasMessageContaining("T+1 or D+0");
    assertThatThrownBy(() -> SettlementCycle.parse("weekly")).hasMessageContaining("T+1 or D+0");
    assertThatThrownBy(() -> QR.feeFor(cny(Long.MAX_VALUE / 2)).minor())
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aFeeIsGivenBackInProportionOrNotAtAll() {
    long fee = QR.feeFor(cny(25_000)).minor(); // 150
    assertThat(QR.feeReturned(cny(fee), cny(25_000), cny(0), cny(10_000)).minor()).isEqualTo(60);
    assertThat(QR.feeReturned(cny(fee), cny(25_000), cny(10_000), cny(15_000)).minor())
        .isEqualTo(90);
    FeeSchedule kept = new FeeSchedule(60, 0, RefundFeePolicy.NOT_RETURNED, QR.settlement());
    assertThat(kept.feeReturned(cny(fee), cny(25_000), cny(0), cny(25_000)).minor()).isZero();
    assertThatThrownBy(() -> QR.feeReturned(cny(fee), cny(25_000), cny(20_000), cny(6_000)).minor())
        .hasMessageContaining("does not fit");
  }

  @Test
  void aFeeIsInTheCurrencyOfItsMoney_andMixedCurrenciesFail() {
    assertThat(QR.feeFor(new Money(1_000, "USD"))).isEqualTo(new Money(6, "USD"));
    assertThatThrownBy(
            () -> QR.feeReturned(cny(6), new Money(1_000, "USD"), cny(0), new Money(500, "USD")))
        .hasMessageContaining("cannot mix");
  }

  /**
   * However a payment is refunded in parts, the parts given back add up to the whole fee once all
   * is refunded.
   */
  @Property(tries = 2_000)
  void partialRefundsGiveBackExactlyTheWholeFee(
      @ForAll @LongRange(min = 1, max = 100_000_000) long paid,
      @ForAll @IntRange(min = 0, max = 10_000) int bps,
      @ForAll @LongRange(max = 500) long fixed,
      @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 1, max = 100) Integer> weights) {
    FeeSchedule schedule =
        new FeeSchedule(bps, fixed, RefundFeePolicy.PROPORTIONAL, QR.settlement());
    long fee = schedule.feeFor(cny(paid)).minor();
    long weightSum = weights.stream().mapToLong(Integer::longValue).sum();
    long refunded = 0;
    long given = 0;
    for (int i = 0; i < weights.size(); i++) {
      long part = i == weights.size() - 1 ? paid - refunded : paid * weights.get(i) / weightSum;
      if (part == 0) {
        continue;
      }
      long back = schedule.feeReturned(cny(fee), cny(paid), cny(refunded), cny(part)).minor();
      assertThat(back).isBetween(0L, fee);
      given += back;
      refunded += part;
    }
    assertThat(refunded).isEqualTo(paid);
    assertThat(given).isEqualTo(fee);
  }

  @Test
  void settlementDaysCountCalendarDaysForDAndWorkingDaysForT() {
    LocalDate friday = LocalDate.of(2026, 11, 27);
    LocalDate saturday = friday.plusDays(1);
    LocalDate monday = friday.plusDays(3);
    assertThat(SettlementCycle.parse("D+0").settlementDate(saturday)).isEqualTo(saturday);
    assertThat(SettlementCycle.parse("D+1").settlementDate(friday)).isEqualTo(saturday);
    assertThat(SettlementCycle.parse("T+0").settlementDate(friday)).isEqualTo(friday);
    assertThat(SettlementCycle.parse("T+0").settlementDate(saturday)).isEqualTo(monday);
    assertThat(SettlementCycle.parse("T+1").settlementDate(friday)).isEqualTo(monday);
    assertThat(SettlementCycle.parse("T+1").settlementDate(saturday)).isEqualTo(monday.plusDays(1));
    assertThat(SettlementCycle.parse("t+2").settlementDate(LocalDate.of(2026, 11, 26)))
        .isEqualTo(monday);
    assertThat(SettlementCycle.parse("T+1")).hasToString("T+1");
  }

  /** An amount in fen, as the schedules here are priced. */
  private static Money cny(long minor) {
    return new Money(minor, "CNY");
  }
}
