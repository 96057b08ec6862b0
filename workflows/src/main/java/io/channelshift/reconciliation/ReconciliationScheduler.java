package io.channelshift.reconciliation;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;

/**
 * When the scheduler workflow reconciles the previous day: {@code at} is a time of day (UTC),
 * {@code HH:mm}.
 */
public record ReconciliationScheduler(String at) {

  public static final String WORKFLOW_ID = "reconcile-scheduler";

  public ReconciliationScheduler {
    try {
      LocalTime.parse(at);
    } catch (DateTimeParseException | NullPointerException e) {
      throw new IllegalArgumentException("the reconciliation time must be HH:mm, not '" + at + "'");
    }
  }

  public LocalTime time() {
    return LocalTime.parse(at);
  }
}
