package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the {@code status} query answers, and what a migration carries over when it continues as
 * new.
 *
 * @param step index into the plan's steps of the step in force
 * @param routingVersion the routing table version the migration last wrote
 * @param stepStartedAtMs when the step in force began (its weight applied)
 * @param bakeStartedAtMs when the bake began, 0 before
 * @param inconclusiveSinceMs since when every evaluation was inconclusive on some gate, 0 if not
 * @param rollbackDecidedAtMs when the rollback was decided (before the table was written), 0 if
 *     none
 * @param baking true once the last step is done (the bake runs, or is paused)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationStatus(
    String migrationId,
    String fromChannel,
    String toChannel,
    String scope,
    MigrationPhase phase,
    int step,
    int weightBps,
    long routingVersion,
    int consecutiveFailures,
    long evaluations,
    List<GateVerdict> lastVerdicts,
    String rollbackReason,
    long startedAtMs,
    long stepStartedAtMs,
    long bakeStartedAtMs,
    long inconclusiveSinceMs,
    long rollbackDecidedAtMs,
    int continuedAsNew,
    long lastEvaluatedAtMs,
    long newChannelPaymentsInStep,
    boolean baking,
    List<TimelineEntry> timeline) {}
