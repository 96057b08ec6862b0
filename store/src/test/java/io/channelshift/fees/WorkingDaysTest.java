package io.channelshift.fees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * T+n settlement over a long holiday with weekend days worked in its place (an illustrative
 * National Day week).
 */
class WorkingDaysTest {

  private static final WorkingDays GOLDEN_WEEK =
      WorkingDays.parse(List.of("2026-10-01..2026-10-07"), List.of("2026-09-27", " 2026-10-10 "));
  private static final SettlementCycle T1 = SettlementCycle.parse("T+1");

  @Test
  void tPlusOneSkipsTheHolidaysAndCountsTheWorkedWeekendDays() {
    assertThat(T1.settlementDate(day("2026-09-30"), GOLDEN_WEEK))
        .as("the eve of the holiday")
        .isEqualTo(day("2026-10-08"));
    assertThat(T1.settlementDate(day("2026-10-03"), GOLDEN_WEEK))
        .as("paid during it: counting starts on the 8th")
        .isEqualTo(day("2026-10-09"));
    assertThat(T1.settlementDate(day("2026-10-09"), GOLDEN_WEEK))
        .as("a Friday before a worked Saturday")
        .isEqualTo(day("2026-10-10"));
    assertThat(T1.settlementDate(day("2026-09-26"), GOLDEN_WEEK))
        .as("a Saturday before a worked Sunday")
        .isEqualTo(day("2026-09-28"));
    assertThat(SettlementCycle.parse("T+0").settlementDate(day("2026-09-27"), GOLDEN_WEEK))
        .isEqualTo(day("2026-09-27"));
    assertThat(SettlementCycle.parse("D+1").settlementDate(day("2026-09-30"), GOLDEN_WEEK))
        .as("D+n counts calendar days, holidays or not")
        .isEqualTo(day("2026-10-01"));
    assertThat(T1.settlementDate(day("2026-09-30")))
        .as("without a calendar: weekdays only")
        .isEqualTo(day("2026-10-01"));
  }

  @Test
  void aCalendarThatCannotBeRightIsRefusedNamingTheEntry() {
    assertThatThrownBy(() -> WorkingDays.parse(List.of("1 October"), List.of()))
        .hasMessageContaining("'1 October'");
    assertThatThrownBy(() -> WorkingDays.parse(List.of("2026-10-07..2026-10-01"), List.of()))
        .hasMessageContaining("'2026-10-07..2026-10-01'");
    assertThatThrownBy(() -> WorkingDays.parse(List.of(), List.of("2026-10-08")))
        .hasMessageContaining("2026-10-08 is a THURSDAY");
    assertThatThrownBy(() -> WorkingDays.parse(List.of("2026-10-03"), List.of("2026-10-03")))
        .hasMessageContaining("both a holiday and a working day");
  }

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }
}
