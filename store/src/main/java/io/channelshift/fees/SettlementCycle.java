package io.channelshift.fees;

import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * When a payment's money reaches the merchant: {@code D+n} counts calendar days, {@code T+n} counts
 * working days ({@link WorkingDays}: Monday to Friday less the configured public holidays, plus the
 * configured weekend days worked in their place; a payment on a day off starts counting on the next
 * working day).
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
      throw new IllegalArgumentException(
          "settlement must look like T+1 or D+0, not '" + text + "'");
    }
    return new SettlementCycle(m.group(1).equals("T"), Integer.parseInt(m.group(2)));
  }

  /** As {@link #settlementDate(LocalDate, WorkingDays)} on Monday-to-Friday working days. */
  public LocalDate settlementDate(LocalDate paidDay) {
    return settlementDate(paidDay, WorkingDays.WEEKDAYS);
  }

  public LocalDate settlementDate(LocalDate paidDay, WorkingDays calendar) {
    if (!workingDays) {
      return paidDay.plusDays(days);
    }
    LocalDate day = calendar.workingDayFrom(paidDay);
    for (int i = 0; i < days; i++) {
      day = calendar.workingDayFrom(day.plusDays(1));
    }
    return day;
  }

  @Override
  public String toString() {
    return (workingDays ? "T+" : "D+") + days;
  }
}
