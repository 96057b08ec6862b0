package io.channelshift.migration;

import static io.channelshift.migration.MigrationState.WORKFLOW;

import io.channelshift.migration.GateVerdict.Verdict;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One evaluation of the gates: both channels measured over the same window, each gate judged, and
 * what the verdicts call for done at once: a rollback after the plan's limit of failing evaluations
 * in a row, a pause when the ramp has been inconclusive for too long.
 */
final class GateEvaluation {

  private final MigrationState state;
  private final MigrationPlan plan;
  private final MigrationStubs stubs;
  private final MigrationSteering steering;
  private final MigrationNotifications notifications;

  GateEvaluation(
      MigrationState state,
      MigrationPlan plan,
      MigrationStubs stubs,
      MigrationSteering steering,
      MigrationNotifications notifications) {
    this.state = state;
    this.plan = plan;
    this.stubs = stubs;
    this.steering = steering;
    this.notifications = notifications;
  }

  List<GateVerdict> evaluate() {
    long now = Workflow.currentTimeMillis();
    long windowStart = Math.max(state.stepStartedAtMs(), now - plan.window().toMillis());
    GateMeasurement m =
        stubs.local.measure(
            new MeasureRequest(
                plan.scope(),
                plan.fromChannel(),
                plan.toChannel(),
                windowStart,
                now,
                state.stepStartedAtMs()));
    List<GateVerdict> verdicts = GateJudge.judge(plan.gates(), m);
    state.evaluated(now, verdicts, m.newChannelPaymentsInStep());
    List<GateVerdict> failing = verdicts.stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
    if (!failing.isEmpty()) {
      state.failed(now, describe(failing));
      if (state.consecutiveFailures() >= plan.failureLimit()) {
        steering.rollback(
            WORKFLOW,
            "automatic: "
                + state.consecutiveFailures()
                + " failing evaluations in a row; "
                + describe(failing));
      }
      return verdicts;
    }
    state.notFailed();
    boolean inconclusive = verdicts.stream().anyMatch(v -> v.verdict() == Verdict.INCONCLUSIVE);
    if (!inconclusive) {
      state.conclusive();
    } else if (state.inconclusiveFor(now) > plan.inconclusiveLimit().toMillis()
        && state.phase() == MigrationPhase.RAMPING) {
      String why =
          "inconclusive for "
              + Duration.ofMillis(state.inconclusiveFor(now))
              + ": "
              + describe(
                  verdicts.stream().filter(v -> v.verdict() == Verdict.INCONCLUSIVE).toList());
      state.phase(MigrationPhase.PAUSED, now, WORKFLOW, why);
      steering.upsertPhase();
      notifications.announce("PAUSED", WORKFLOW, why);
    }
    return verdicts;
  }

  private static String describe(List<GateVerdict> verdicts) {
    return verdicts.stream()
        .map(v -> v.gate() + " " + v.verdict() + " (" + v.reason() + ")")
        .collect(Collectors.joining("; "));
  }
}
