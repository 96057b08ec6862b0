package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Duration;
import java.util.List;

/**
 * How to move a scope's traffic from one channel to another. Checked by {@link PlanValidation}
 * before anything starts; the workflow trusts it.
 *
 * @param scope {@code all} or a product type
 * @param steps rising weights of the new channel, the last one 10000
 * @param window how far back each evaluation looks (both channels, the same window)
 * @param inconclusiveLimit how long a step may stay without a conclusive verdict before it pauses
 *     for a human
 * @param bakePeriod how long the new channel runs at 100%, gates still evaluated, before the
 *     migration completes
 * @param startAtStep the step to begin with (0, the first, unless left out): a migration retried
 *     after a rollback and a fix need not walk again through the steps it already passed
 * @param keepOldChannelAsBackup whether the completed migration leaves the old channel as the
 *     scope's first backup channel (so payments the new channel cannot take fail over to it);
 *     default true, and true for plans written before the option existed. During the ramp and the
 *     bake the old channel is the first backup either way; false drops it only from the final
 *     table.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationPlan(
    String migrationId,
    String fromChannel,
    String toChannel,
    String scope,
    List<Step> steps,
    Gates gates,
    Duration evaluationInterval,
    Duration window,
    int failureLimit,
    Duration inconclusiveLimit,
    Duration bakePeriod,
    int startAtStep,
    @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = WrittenWhenFalse.class)
        Boolean keepOldChannelAsBackup) {

  public MigrationPlan {
    // absent (an older plan, a plan file that leaves it out) is the default
    keepOldChannelAsBackup = keepOldChannelAsBackup == null || keepOldChannelAsBackup;
  }

  public MigrationPlan(
      String migrationId,
      String fromChannel,
      String toChannel,
      String scope,
      List<Step> steps,
      Gates gates,
      Duration evaluationInterval,
      Duration window,
      int failureLimit,
      Duration inconclusiveLimit,
      Duration bakePeriod,
      int startAtStep) {
    this(
        migrationId,
        fromChannel,
        toChannel,
        scope,
        steps,
        gates,
        evaluationInterval,
        window,
        failureLimit,
        inconclusiveLimit,
        bakePeriod,
        startAtStep,
        true);
  }

  public MigrationPlan(
      String migrationId,
      String fromChannel,
      String toChannel,
      String scope,
      List<Step> steps,
      Gates gates,
      Duration evaluationInterval,
      Duration window,
      int failureLimit,
      Duration inconclusiveLimit,
      Duration bakePeriod) {
    this(
        migrationId,
        fromChannel,
        toChannel,
        scope,
        steps,
        gates,
        evaluationInterval,
        window,
        failureLimit,
        inconclusiveLimit,
        bakePeriod,
        0);
  }

  /**
   * One step of the ramp.
   *
   * @param minSamples payments the new channel must have seen in this step before it can pass
   * @param requireApproval wait for an engineer's approve after the gates pass
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Step(
      int weightBps, Duration minDuration, int minSamples, boolean requireApproval) {}

  /**
   * The plan with what it leaves out filled in: the default gates (or each missing gate), a window
   * of three evaluation intervals, an inconclusive limit of twenty, a failure limit of three.
   * Nothing is derived from an interval outside {@link PlanLimits} (a huge one would overflow):
   * validation refuses the interval instead.
   */
  public MigrationPlan withDefaults() {
    Duration interval = PlanLimits.usableInterval(evaluationInterval) ? evaluationInterval : null;
    return new MigrationPlan(
        migrationId,
        fromChannel,
        toChannel,
        scope == null ? "all" : scope,
        steps,
        gates == null ? Gates.DEFAULTS : gates.withDefaults(),
        evaluationInterval,
        window != null || interval == null ? window : interval.multipliedBy(3),
        failureLimit == 0 ? 3 : failureLimit,
        inconclusiveLimit != null || interval == null
            ? inconclusiveLimit
            : interval.multipliedBy(20),
        bakePeriod,
        startAtStep,
        keepOldChannelAsBackup);
  }

  /**
   * A JSON value filter that leaves out {@code true}, the default: a payload written with the
   * default is byte for byte what it was before the option existed (histories, carried state).
   */
  public static final class WrittenWhenFalse {
    @Override
    public boolean equals(Object value) {
      return value == null || Boolean.TRUE.equals(value);
    }

    @Override
    public int hashCode() {
      return 0;
    }
  }

  /** The step index of the full weight (the last step). */
  public int lastStep() {
    return steps.size() - 1;
  }
}
