package io.channelshift.config;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The days T+n settlement counts ({@code channelshift.settlement-calendar.*}): Monday to Friday
 * less {@code holidays}, plus {@code working-weekend-days} (the weekend days worked in their
 * place). Each entry a day ({@code 2026-10-08}) or a range ({@code 2026-10-01..2026-10-07});
 * checked at start-up, which stops on an entry it cannot read. It applies to every channel's {@code
 * fees.settlement} cycle.
 *
 * @param holidays default none.
 * @param workingWeekendDays default none.
 */
@ConfigurationProperties("channelshift.settlement-calendar")
public record SettlementCalendarProperties(List<String> holidays, List<String> workingWeekendDays) {

  public SettlementCalendarProperties {
    holidays = holidays == null ? List.of() : List.copyOf(holidays);
    workingWeekendDays = workingWeekendDays == null ? List.of() : List.copyOf(workingWeekendDays);
  }
}
