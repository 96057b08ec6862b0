package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * What the {@code status} query answers, and what a migration carries over when it continues as
 * new; also the body of {@code GET /api/migrations/{id}}. Its JSON is flat, one property a
 * component, and stays so: histories and clients hold it. Built by name through {@link #builder()},
 * never positionally.
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
    List<TimelineEntry> timeline) {

  /** A status to fill in by name: the record has 22 components, too many to write in order. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Builds a {@link MigrationStatus} component by component, each named; a component not set is
   * Java's default (null, 0, false), as it would be in the record's JSON when absent.
   */
  public static final class Builder {
    private String migrationId;
    private String fromChannel;
    private String toChannel;
    private String scope;
    private MigrationPhase phase;
    private int step;
    private int weightBps;
    private long routingVersion;
    private int consecutiveFailures;
    private long evaluations;
    private List<GateVerdict> lastVerdicts;
    private String rollbackReason;
    private long startedAtMs;
    private long stepStartedAtMs;
    private long bakeStartedAtMs;
    private long inconclusiveSinceMs;
    private long rollbackDecidedAtMs;
    private int continuedAsNew;
    private long lastEvaluatedAtMs;
    private long newChannelPaymentsInStep;
    private boolean baking;
    private List<TimelineEntry> timeline;

    private Builder() {}

    public Builder migrationId(String migrationId) {
      this.migrationId = migrationId;
      return this;
    }

    public Builder fromChannel(String fromChannel) {
      this.fromChannel = fromChannel;
      return this;
    }

    public Builder toChannel(String toChannel) {
      this.toChannel = toChannel;
      return this;
    }

    public Builder scope(String scope) {
      this.scope = scope;
      return this;
    }

    public Builder phase(MigrationPhase phase) {
      this.phase = phase;
      return this;
    }

    public Builder step(int step) {
      this.step = step;
      return this;
    }

    public Builder weightBps(int weightBps) {
      this.weightBps = weightBps;
      return this;
    }

    public Builder routingVersion(long routingVersion) {
      this.routingVersion = routingVersion;
      return this;
    }

    public Builder consecutiveFailures(int consecutiveFailures) {
      this.consecutiveFailures = consecutiveFailures;
      return this;
    }

    public Builder evaluations(long evaluations) {
      this.evaluations = evaluations;
      return this;
    }

    public Builder lastVerdicts(List<GateVerdict> lastVerdicts) {
      this.lastVerdicts = lastVerdicts;
      return this;
    }

    public Builder rollbackReason(String rollbackReason) {
      this.rollbackReason = rollbackReason;
      return this;
    }

    public Builder startedAtMs(long startedAtMs) {
      this.startedAtMs = startedAtMs;
      return this;
    }

    public Builder stepStartedAtMs(long stepStartedAtMs) {
      this.stepStartedAtMs = stepStartedAtMs;
      return this;
    }

    public Builder bakeStartedAtMs(long bakeStartedAtMs) {
      this.bakeStartedAtMs = bakeStartedAtMs;
      return this;
    }

    public Builder inconclusiveSinceMs(long inconclusiveSinceMs) {
      this.inconclusiveSinceMs = inconclusiveSinceMs;
      return this;
    }

    public Builder rollbackDecidedAtMs(long rollbackDecidedAtMs) {
      this.rollbackDecidedAtMs = rollbackDecidedAtMs;
      return this;
    }

    public Builder continuedAsNew(int continuedAsNew) {
      this.continuedAsNew = continuedAsNew;
      return this;
    }

    public Builder lastEvaluatedAtMs(long lastEvaluatedAtMs) {
      this.lastEvaluatedAtMs = lastEvaluatedAtMs;
      return this;
    }

    public Builder newChannelPaymentsInStep(long newChannelPaymentsInStep) {
      this.newChannelPaymentsInStep = newChannelPaymentsInStep;
      return this;
    }

    public Builder baking(boolean baking) {
      this.baking = baking;
      return this;
    }

    public Builder timeline(List<TimelineEntry> timeline) {
      this.timeline = timeline;
      return this;
    }

    public MigrationStatus build() {
      return new MigrationStatus(
          migrationId,
          fromChannel,
          toChannel,
          scope,
          phase,
          step,
          weightBps,
          routingVersion,
          consecutiveFailures,
          evaluations,
          lastVerdicts,
          rollbackReason,
          startedAtMs,
          stepStartedAtMs,
          bakeStartedAtMs,
          inconclusiveSinceMs,
          rollbackDecidedAtMs,
          continuedAsNew,
          lastEvaluatedAtMs,
          newChannelPaymentsInStep,
          baking,
          timeline);
    }
  }
}
