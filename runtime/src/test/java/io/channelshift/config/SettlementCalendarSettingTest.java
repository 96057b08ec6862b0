package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.fees.ChannelFees;
import io.channelshift.provider.ProviderRegistry;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The settlement calendar as configured: bound, checked at start-up, and used by the fees. */
class SettlementCalendarSettingTest {

  @Test
  void holidaysAndWorkedWeekendDaysReachTheFees() {
    ChannelFees fees =
        fees(
            Map.of(
                "channelshift.settlement-calendar.holidays", "2026-10-01..2026-10-07,2027-01-01",
                "channelshift.settlement-calendar.working-weekend-days", "2026-10-10"));

    assertThat(fees.calendar().isWorkingDay(LocalDate.parse("2026-10-05"))).isFalse();
    assertThat(fees.calendar().isWorkingDay(LocalDate.parse("2027-01-01"))).isFalse();
    assertThat(fees.calendar().isWorkingDay(LocalDate.parse("2026-10-10"))).isTrue();
    assertThat(fees(Map.of()).calendar().isWorkingDay(LocalDate.parse("2026-10-05")))
        .as("none configured")
        .isTrue();
  }

  @Test
  void aBadEntryStopsStartUpNamingTheSettingAndTheEntry() {
    assertThatThrownBy(
            () -> fees(Map.of("channelshift.settlement-calendar.holidays", "2026-13-01")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("channelshift.settlement-calendar")
        .hasMessageContaining("'2026-13-01'");
  }

  private static ChannelFees fees(Map<String, String> settings) {
    return new ChannelShiftConfiguration()
        .channelFees(
            BoundSettings.bind(ChannelsProperties.class, settings),
            BoundSettings.bind(SettlementCalendarProperties.class, settings),
            new ProviderRegistry(List.of()));
  }
}
