package io.channelshift.migration;

import static io.channelshift.migration.MigrationState.WORKFLOW;
import static io.channelshift.temporal.TemporalNames.MIGRATION_PHASE;
import static io.channelshift.temporal.TemporalNames.TRAFFIC_WEIGHT;

import io.channelshift.migration.RequestDecision.Refused;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The moves that change a migration's course: write a weight, go to the next step, roll back,
 * abort, finish, an engineer's request carried out, and a plan that cannot be used refused. Each
 * lands in the routing table, the state (and so its timeline), the search attributes, the current
 * details and the notifications, in that order.
 */
final class MigrationSteering {

  private final MigrationState state;
  private final MigrationPlan plan;
  private final MigrationStubs stubs;
  private final MigrationVersions versions;
  private final MigrationNotifications notifications;

  MigrationSteering(
      MigrationState state,
      MigrationPlan plan,
      MigrationStubs stubs,
      MigrationVersions versions,
      MigrationNotifications notifications) {
    this.state = state;
    this.plan = plan;
    this.stubs = stubs;
    this.versions = versions;
    this.notifications = notifications;
  }

  /** Applies one request; returns true when it changed the course (anything but a plain note). */
  boolean handle(EngineerAction a) {
    RequestDecision decision = Requests.decide(a, state, plan); // the phase may have moved since
    long now = Workflow.currentTimeMillis();
    String who = a.request().who();
    if (decision instanceof Refused refused) {
      state.note(now, "REFUSED " + a.action(), who, refused.reason());
      return false;
    }
    switch (a.action()) {
      case PAUSE -> {
        state.phase(MigrationPhase.PAUSED, now, who, reason(a, "paused"));
        upsertPhase();
        notifications.announce("PAUSED", who, reason(a, "paused by " + who));
      }
      case RESUME -> {
        MigrationPhase back = state.baking() ? MigrationPhase.BAKING : MigrationPhase.RAMPING;
        state.conclusive(); // a human looked: the inconclusive clock starts again
        state.phase(back, now, who, reason(a, "resumed"));
        upsertPhase();
        notifications.announce("RESUMED", who, reason(a, "resumed by " + who));
      }
      case PROMOTE -> nextStep(false, who);
      case PROMOTE_FULL -> nextStep(true, who);
      case APPROVE -> {
        state.note(now, "APPROVED", who, reason(a, "step " + (state.step() + 1) + " approved"));
        nextStep(false, who);
      }
      case ROLLBACK -> rollback(who, "by " + who + ": " + a.reason());
    }
    return true;
  }

  private static String reason(EngineerAction a, String otherwise) {
    return a.reason() == null || a.reason().isBlank() ? otherwise : a.reason();
  }

  void nextStep(boolean full, String who) {
    long now = Workflow.currentTimeMillis();
    int next = full ? plan.lastStep() : state.step() + 1;
    if (state.step() >= plan.lastStep()) { // already at 100%: the next thing is the bake
      state.phase(MigrationPhase.RAMPING, now, who, "step " + (state.step() + 1) + " done");
      state.startBaking();
      return;
    }
    state.nextStep(
        next,
        now,
        who,
        full ? "promoted to 100%" : "on to step " + (next + 1) + " of " + plan.steps().size());
    upsertPhase();
  }

  void rollback(String who, String reason) {
    long decidedAt = Workflow.currentTimeMillis();
    state.rollbackDecided(decidedAt);
    apply(0, false, who, "rollback: " + reason);
    state.phase(MigrationPhase.ROLLED_BACK, Workflow.currentTimeMillis(), who, reason);
    state.rolledBack(reason);
    upsertPhase();
    notifications.announce("ROLLED_BACK", who, reason);
    finish(who, "rolled back: " + reason);
  }

  /**
   * Writes the table for a weight. When that write fails for good (the store unreachable past the
   * retries), the migration cannot be steered any more: it puts everything back on the old channel
   * and ends ABORTED.
   */
  boolean apply(int weightBps, boolean ramping, String who, String reason) {
    WeightChange change =
        new WeightChange(
            plan.migrationId(),
            plan.scope(),
            plan.fromChannel(),
            plan.toChannel(),
            weightBps,
            ramping,
            who,
            reason,
            plan.keepOldChannelAsBackup());
    long version;
    try {
      version = writer(weightBps == 0).applyWeight(change);
    } catch (ActivityFailure e) {
      abort(
          "the routing table could not be written ("
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage())
              + ")");
      return false;
    }
    state.applied(weightBps, version, Workflow.currentTimeMillis(), who, reason);
    Workflow.upsertTypedSearchAttributes(TRAFFIC_WEIGHT.valueSet((long) weightBps));
    return true;
  }

  private MigrationActivities writer(boolean backToOldChannel) {
    return stubs.writer(versions.durableRoutingWrites(), backToOldChannel);
  }

  /**
   * Everything back on the old channel (retried for as long as it takes), and the migration ends
   * ABORTED.
   */
  void abort(String why) {
    long version =
        writer(true)
            .applyWeight(
                new WeightChange(
                    plan.migrationId(),
                    plan.scope(),
                    plan.fromChannel(),
                    plan.toChannel(),
                    0,
                    false,
                    WORKFLOW,
                    "aborted: " + why,
                    plan.keepOldChannelAsBackup()));
    state.applied(0, version, Workflow.currentTimeMillis(), WORKFLOW, "aborted: " + why);
    Workflow.upsertTypedSearchAttributes(TRAFFIC_WEIGHT.valueSet(0L));
    state.phase(MigrationPhase.ABORTED, Workflow.currentTimeMillis(), WORKFLOW, why);
    state.rolledBack("aborted: " + why);
    upsertPhase();
    notifications.announce("ABORTED", WORKFLOW, why);
    finish(WORKFLOW, "aborted: " + why);
  }

  /**
   * Whether the plan can be run ({@link MigrationVersions#CHECKED_PLAN}): the API checked it
   * already, but a start straight on Temporal did not. One that cannot ends ABORTED with its
   * problems, nothing written to the routing table (no traffic has moved: the scope stays on the
   * old channel).
   */
  boolean planUsable() {
    if (!versions.checksPlan()) {
      return true;
    }
    List<PlanValidation.Problem> problems = PlanValidation.problems(plan);
    if (problems.isEmpty()) {
      return true;
    }
    abortBeforeStart(
        "the plan cannot be used, nothing was moved: "
            + problems.stream()
                .map(p -> p.field() + " " + p.message())
                .collect(Collectors.joining("; ")));
    return false;
  }

  /**
   * A plan the run cannot use ends ABORTED before any traffic moves: nothing is written to the
   * routing table.
   */
  void abortBeforeStart(String why) {
    long now = Workflow.currentTimeMillis();
    state.phase(MigrationPhase.ABORTED, now, WORKFLOW, why);
    state.rolledBack("aborted: " + why);
    Workflow.upsertTypedSearchAttributes(MIGRATION_PHASE.valueSet(state.phase().name()));
    Workflow.setCurrentDetails("**ABORTED**: " + why);
    notifications.announce("ABORTED", WORKFLOW, why);
    finish(WORKFLOW, "aborted: " + why);
  }

  void finish(String who, String detail) {
    stubs.local.finish(
        new MigrationEvent(
            plan.migrationId() + "-end",
            plan.migrationId(),
            "ENDED",
            state.phase(),
            state.step(),
            state.weightBps(),
            who,
            detail));
  }

  void upsertPhase() {
    Workflow.upsertTypedSearchAttributes(MIGRATION_PHASE.valueSet(state.phase().name()));
    details();
  }

  void details() {
    Workflow.setCurrentDetails(state.describe(plan));
  }
}
