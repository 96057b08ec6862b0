package io.channelshift.fees;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a payment's money reaches the merchant: {@code D+n} counts calendar days, {@code T+n} counts working days
 * (Monday to Friday; a payment on a weekend starts counting on the Monday). Public holidays are not modelled: a
 * T+1 payment on the eve of a holiday is expected a day or more early.
 */
public record SettlementCycle(boolean workingDays, int days) {

  private static final Pattern FORMAT = Pattern.compile("([TD])\\+(\\d{1,2})");

  public SettlementCycle {
    if (days < 0) {
      throw new IllegalArgumentException("a settlement cycle cannot be negative");
    }
  }

  /** Reads {@code T+0}, {@code T+1}, {@code D+0}, {@code D+1}, ... */
  public static SettlementCycle parse(String text) {
    Matcher m = FORMAT.matcher(text == null ? "" : text.trim().toUpperCase());
    if (!m.matches()) {
      throw new IllegalArgumentException("settlement must look like T+1 or D+0, not '" + text + "'");
    }
    return new SettlementCycle(m.group(1).equals("T"), Integer.parseInt(m.group(2)));
  }

  public LocalDate settlementDate(LocalDate paidDay) {
    if (!workingDays) {
      return paidDay.plusDays(days);
    }
    LocalDate day = nextWorkingDayFrom(paidDay);
    for (int i = 0; i < days; i++) {
      day = nextWorkingDayFrom(day.plusDays(1));
    }
    return day;
  }

  private static LocalDate nextWorkingDayFrom(LocalDate day) {
    LocalDate d = day;
    while (d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY) {
      d = d.plusDays(1);
    }
    return d;
  }

  @Override
  public String toString() {
    return (workingDays ? "T+" : "D+") + days;
  }
}
