package io.channelshift.migration;

import java.time.Duration;

/**
 * The durations a plan may use. Below the floors a migration evaluates its gates faster than the
 * measurements change (and loads the store for nothing); above the ceilings nobody would wait that
 * long, and past them the workflow's millisecond arithmetic overflows. docs/configuration.md
 * ("Migration plans") lists them.
 */
public final class PlanLimits {

  /** How often the gates are evaluated: at least once a second, at least once an hour. */
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  public static final Duration MAX_INTERVAL = Duration.ofHours(1);

  /** How far back an evaluation looks: at least one interval, at most a day. */
  public static final Duration MAX_WINDOW = Duration.ofDays(1);

  /** How long a step lasts at least: a second to 30 days. */
  public static final Duration MIN_STEP = Duration.ofSeconds(1);

  public static final Duration MAX_STEP = Duration.ofDays(30);

  /**
   * How long a step may stay inconclusive before it pauses: at least one interval, at most 7 days.
   */
  public static final Duration MAX_INCONCLUSIVE = Duration.ofDays(7);

  /** How long the new channel bakes at 100%: a second to 90 days. */
  public static final Duration MIN_BAKE = Duration.ofSeconds(1);

  public static final Duration MAX_BAKE = Duration.ofDays(90);

  private PlanLimits() {}

  /**
   * Whether an evaluation interval is one the defaults may be derived from (and the workflow can
   * use).
   */
  static boolean usableInterval(Duration interval) {
    return interval != null && within(interval, MIN_INTERVAL, MAX_INTERVAL);
  }

  static boolean within(Duration d, Duration min, Duration max) {
    return d.compareTo(min) >= 0 && d.compareTo(max) <= 0;
  }
}
