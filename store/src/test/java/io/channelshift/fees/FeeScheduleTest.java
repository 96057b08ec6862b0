package io.channelshift.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    assertThat(QR.feeFor(1999)).isEqualTo(12); // 11.994 -> 12
    assertThat(QR.feeFor(1_000)).isEqualTo(6); // 6.0
    assertThat(QR.feeFor(1_075)).isEqualTo(6); // 6.45 -> 6
    assertThat(QR.feeFor(1_084)).isEqualTo(7); // 6.504 -> 7
    assertThat(QR.feeFor(2_500)).isEqualTo(15);
    assertThat(new FeeSchedule(30, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement()).feeFor(50))
        .isEqualTo(0); // 0.15
    assertThat(new FeeSchedule(30, 0, RefundFeePolicy.PROPORTIONAL, QR.settlement()).feeFor(167))
        .isEqualTo(1); // 0.501
    assertThat(new FeeSchedule(0, 10, RefundFeePolicy.NOT_RETURNED, QR.settlement()).feeFor(99_999))
        .isEqualTo(10);
    assertThat(
            new FeeSchedule(38, 20, RefundFeePolicy.NOT_RETURNED, QR.settlement()).feeFor(10_000))
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
    assertThatThrownBy(() -> QR.feeFor(Long.MAX_VALUE / 2)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aFeeIsGivenBackInProportionOrNotAtAll() {
    long fee = QR.feeFor(25_000); // 150
    assertThat(QR.feeReturned(fee, 25_000, 0, 10_000)).isEqualTo(60);
    assertThat(QR.feeReturned(fee, 25_000, 10_000, 15_000)).isEqualTo(90);
    FeeSchedule kept = new FeeSchedule(60, 0, RefundFeePolicy.NOT_RETURNED, QR.settlement());
    assertThat(kept.feeReturned(fee, 25_000, 0, 25_000)).isZero();
    assertThatThrownBy(() -> QR.feeReturned(fee, 25_000, 20_000, 6_000))
        .hasMessageContaining("does not fit");
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
    long fee = schedule.feeFor(paid);
    long weightSum = weights.stream().mapToLong(Integer::longValue).sum();
    long refunded = 0;
    long given = 0;
    for (int i = 0; i < weights.size(); i++) {
      long part = i == weights.size() - 1 ? paid - refunded : paid * weights.get(i) / weightSum;
      if (part == 0) {
        continue;
      }
      long back = schedule.feeReturned(fee, paid, refunded, part);
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
}
