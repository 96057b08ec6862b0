package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * @param weightBps the new channel's weight; the old channel gets the rest
 * @param ramping true while the new channel is being ramped (its buckets first); false for the
 *     final tables
 * @param keepFromChannelAsBackup the plan's {@code keepOldChannelAsBackup}: whether the final table
 *     of a completed migration names the old channel as the scope's first backup; true when absent
 *     (a change scheduled before the option existed); written only when false
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WeightChange(
    String migrationId,
    String scope,
    String fromChannel,
    String toChannel,
    int weightBps,
    boolean ramping,
    String by,
    String reason,
    @JsonInclude(
            value = JsonInclude.Include.CUSTOM,
            valueFilter = MigrationPlan.WrittenWhenFalse.class)
        Boolean keepFromChannelAsBackup) {

  public WeightChange {
    keepFromChannelAsBackup = keepFromChannelAsBackup == null || keepFromChannelAsBackup;
  }

  public WeightChange(
      String migrationId,
      String scope,
      String fromChannel,
      String toChannel,
      int weightBps,
      boolean ramping,
      String by,
      String reason) {
    this(migrationId, scope, fromChannel, toChannel, weightBps, ramping, by, reason, true);
  }
}
