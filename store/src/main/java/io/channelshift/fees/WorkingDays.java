package io.channelshift.fees;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The days banks settle on: Monday to Friday, less the public holidays, plus the weekend days
 * worked in their place (调休: mainland China moves working days onto weekends around its long
 * holidays). Both lists are published once a year and configured as such; the calendar is the same
 * for every channel.
 *
 * @param holidays weekdays (or any days) on which nothing settles
 * @param workingWeekendDays Saturdays or Sundays on which banks work
 */
public record WorkingDays(Set<LocalDate> holidays, Set<LocalDate> workingWeekendDays) {

  /** Monday to Friday, no holidays. */
  public static final WorkingDays WEEKDAYS = new WorkingDays(Set.of(), Set.of());

  public WorkingDays {
    holidays = Set.copyOf(holidays);
    workingWeekendDays = Set.copyOf(workingWeekendDays);
    for (LocalDate day : workingWeekendDays) {
      if (!weekend(day)) {
        throw new IllegalArgumentException(
            day + " is a " + day.getDayOfWeek() + ", not a weekend day");
      }
      if (holidays.contains(day)) {
        throw new IllegalArgumentException(day + " is both a holiday and a working day");
      }
    }
  }

  /**
   * Reads days as {@code 2026-10-08} or ranges as {@code 2026-10-01..2026-10-07} (both ends
   * included).
   *
   * @throws IllegalArgumentException naming the entry that is neither
   */
  public static WorkingDays parse(List<String> holidays, List<String> workingWeekendDays) {
    return new WorkingDays(days(holidays), days(workingWeekendDays));
  }

  public boolean isWorkingDay(LocalDate day) {
    if (workingWeekendDays.contains(day)) {
      return true;
    }
    return !weekend(day) && !holidays.contains(day);
  }

  /** The day itself when it is a working day, else the first working day after it. */
  public LocalDate workingDayFrom(LocalDate day) {
    LocalDate d = day;
    while (!isWorkingDay(d)) {
      d = d.plusDays(1);
    }
    return d;
  }

  private static boolean weekend(LocalDate day) {
    return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
  }

  private static Set<LocalDate> days(List<String> entries) {
    Set<LocalDate> days = new HashSet<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      String text = entry.trim();
      try {
        int range = text.indexOf("..");
        LocalDate first = LocalDate.parse(range < 0 ? text : text.substring(0, range).trim());
        LocalDate last = range < 0 ? first : LocalDate.parse(text.substring(range + 2).trim());
        if (last.isBefore(first) || first.plusDays(366).isBefore(last)) {
          throw new IllegalArgumentException(
              "'" + entry + "' is not a range of at most a year, first day first");
        }
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
          days.add(d);
        }
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "'" + entry + "' is not a day (2026-10-08) or a range " + "(2026-10-01..2026-10-07)",
            e);
      }
    }
    return days;
  }
}
