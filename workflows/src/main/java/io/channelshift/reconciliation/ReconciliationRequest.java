package io.channelshift.reconciliation;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/**
 * One channel's business day to reconcile; {@code day} is {@code yyyy-MM-dd} in the channel's
 * statement zone.
 */
public record ReconciliationRequest(String channel, String day) {

  public ReconciliationRequest {
    if (channel == null || !channel.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException("channel must be 1-64 letters, digits, '_' or '-'");
    }
    try {
      LocalDate.parse(day);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("day must be a date (yyyy-MM-dd), not '" + day + "'");
    }
  }

  public LocalDate localDate() {
    return LocalDate.parse(day);
  }

  /**
   * {@code reconcile-{channel}-{day}}: one run per channel and day, started again to re-run the
   * day.
   */
  public String workflowId() {
    return "reconcile-" + channel + "-" + day;
  }
}
