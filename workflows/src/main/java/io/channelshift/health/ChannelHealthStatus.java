package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.TimelineEntry;
import java.util.List;
import java.util.Map;

/**
 * A scope's health as the status query, the update's answer and {@code GET
 * /api/scopes/{scope}/health} show it, and what continue-as-new carries.
 *
 * @param primary the channel with the largest weight in the table in force
 * @param routingVersion the table in force at the last look
 * @param migrationId a migration running on the scope (which owns its table), or null
 * @param hold who holds automatic failover and failback, or null
 * @param failover the failover in force, or null
 * @param consecutiveFailures failing evaluations of the primary in a row
 * @param healthySinceMs since when the failed channel has been healthy (0: not healthy)
 * @param verdicts the last verdict of every gate, per channel measured
 * @param wouldDo what the workflow would do but may not (held, or a migration owns the table)
 * @param eventsSent how many webhooks the scope has sent (numbers their event ids)
 * @param timeline every change, who asked, and every refused request (newest 500)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelHealthStatus(
    String scope,
    HealthMode mode,
    String primary,
    long routingVersion,
    List<String> backups,
    String migrationId,
    Hold hold,
    Failover failover,
    int consecutiveFailures,
    int failureLimit,
    long healthySinceMs,
    long lastEvaluatedAtMs,
    Map<String, List<GateVerdict>> verdicts,
    String wouldDo,
    long eventsSent,
    List<TimelineEntry> timeline) {

  public ChannelHealthStatus {
    backups = backups == null ? List.of() : List.copyOf(backups);
    verdicts = verdicts == null ? Map.of() : verdicts;
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }
}
