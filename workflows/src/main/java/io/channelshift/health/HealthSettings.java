package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.channelshift.migration.Gates;
import java.time.Duration;

/**
 * How a scope's health workflow judges and acts, read from the worker's configuration at every
 * evaluation (so a changed setting applies without restarting the workflow).
 *
 * @param interval how often the channels are measured
 * @param window how far back each measurement looks (every channel over the same window)
 * @param failureLimit failing evaluations of the primary channel in a row before it fails over
 * @param probeBps the share left on a failed channel to probe it, in basis points
 * @param healthyPeriod how long a failed channel must stay healthy before it fails back
 * @param failbackNeedsApproval whether failback waits for an engineer instead of happening by
 *     itself
 * @param gates the gate limits, the migrations' machinery and defaults
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthSettings(
    Duration interval,
    Duration window,
    int failureLimit,
    int probeBps,
    Duration healthyPeriod,
    boolean failbackNeedsApproval,
    Gates gates) {

  /** Defaults matching the migration gates: 30 s interval, 90 s window, 3 in a row, 1% probe. */
  public static final HealthSettings DEFAULTS =
      new HealthSettings(
          Duration.ofSeconds(30),
          Duration.ofSeconds(90),
          3,
          100,
          Duration.ofMinutes(10),
          false,
          Gates.DEFAULTS);

  public HealthSettings {
    interval = positive(interval, Duration.ofSeconds(30));
    window = positive(window, interval.multipliedBy(3));
    failureLimit = failureLimit < 1 ? 3 : failureLimit;
    if (probeBps < 0 || probeBps > 5_000) {
      throw new IllegalArgumentException("probeBps must be within 0..5000, not " + probeBps);
    }
    healthyPeriod =
        healthyPeriod == null || healthyPeriod.isNegative() ? Duration.ZERO : healthyPeriod;
    gates = gates == null ? Gates.DEFAULTS : gates.withDefaults();
  }

  private static Duration positive(Duration d, Duration otherwise) {
    return d == null || d.isNegative() || d.isZero() ? otherwise : d;
  }
}
