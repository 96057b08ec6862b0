package io.channelshift.migration;

import static io.channelshift.migration.MigrationState.WORKFLOW;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.routing.RoutingTable;
import io.channelshift.temporal.Timers;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;

/**
 * The channel migration (docs/architecture.md, "A channel migration"). A loop over the plan's
 * steps; in each, the weight is applied, then the gates are evaluated every interval until the step
 * may go on. Engineer requests wake the loop at once. The whole state lives in one {@link
 * MigrationState}, which is what the status query shows and what continue-as-new carries; the moves
 * that change the course are a {@link MigrationSteering}, the gates' judgement a {@link
 * GateEvaluation}, the notifications {@link MigrationNotifications}, the version gates {@link
 * MigrationVersions}, the stubs and their options {@link MigrationStubs}, the engineers' signals
 * and update {@link EngineerRequests}.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {

  /**
   * Past this many events the run continues as new (a bake of weeks evaluates gates thousands of
   * times).
   */
  static final int HISTORY_LIMIT = 2_000;

  private final MigrationVersions versions = new MigrationVersions();
  private final MigrationStubs stubs = new MigrationStubs();
  private final RequestQueue requests = new RequestQueue();
  private final EngineerRequests engineer = new EngineerRequests(requests, versions);
  private MigrationPlan plan;
  private MigrationState state;
  private MigrationNotifications notifications;
  private MigrationSteering steering;
  private GateEvaluation gates;

  @Override
  public MigrationStatus run(MigrationInput input) {
    plan = input.plan();
    state =
        input.carried() != null
            ? MigrationState.resume(input.carried())
            : MigrationState.start(plan, Workflow.currentTimeMillis(), input.startedBy());
    notifications = new MigrationNotifications(state, plan, stubs, versions);
    steering = new MigrationSteering(state, plan, stubs, versions, notifications);
    gates = new GateEvaluation(state, plan, stubs, steering, notifications);
    engineer.begin(state, plan);
    if (input.carried() == null && !steering.planUsable()) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      notifications.awaitAll();
      return state.snapshot();
    }
    if (input.carried() == null) {
      notifications.started(input.startedBy());
    }
    if (input.undelivered() != null) {
      input.undelivered().forEach(notifications::send);
    }
    while (!state.phase().ended()) {
      notifications.settle();
      if (shouldContinueAsNew()
          && requests.isEmpty()
          && (notifications.none() || versions.carriesNotifications())) {
        // Every queued request is handled, so every update is answered; nothing is lost across the
        // new run.
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (requests.isEmpty()) {
          state.continuedAsNew();
          Workflow.continueAsNew(
              new MigrationInput(
                  plan, input.startedBy(), state.snapshot(), notifications.undelivered()));
        }
      }
      try {
        if (state.phase() == MigrationPhase.BAKING || state.baking()) {
          bakeOnce();
        } else {
          rampOnce();
        }
      } catch (ArithmeticException e) {
        // A duration the arithmetic cannot hold, in a run started before CHECKED_PLAN. Such a task
        // used to fail for good (so no history records one completing past here, and no version is
        // needed): fail safe instead, traffic back on the old channel.
        steering.abort("the plan has a duration the migration cannot use (" + e.getMessage() + ")");
      }
    }
    requests.handleAll(
        steering::handle); // accepted just before the end: each is answered, as refused
    Workflow.await(Workflow::isEveryHandlerFinished);
    notifications.awaitAll();
    steering.details();
    return state.snapshot();
  }

  // ---- one turn of the loop ----

  /**
   * Applies the step's weight if it is not yet in force, then waits one interval (or a request) and
   * evaluates.
   */
  private void rampOnce() {
    MigrationPlan.Step step = plan.steps().get(state.step());
    if (state.weightBps() != step.weightBps()) {
      if (!steering.apply(
          step.weightBps(),
          true,
          WORKFLOW,
          "step " + (state.step() + 1) + " of " + plan.steps().size())) {
        return;
      }
      state.stepStarted(Workflow.currentTimeMillis());
      notifications.announce("STEP", WORKFLOW, step.weightBps() + " bps on " + plan.toChannel());
    }
    steering.details();
    if (!waitForIntervalOrRequest()) {
      return; // a request changed the course; the loop looks again
    }
    List<GateVerdict> verdicts = gates.evaluate();
    if (state.phase().ended()) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    boolean allPass = verdicts.stream().allMatch(v -> v.verdict() == Verdict.PASS);
    boolean stepDone =
        allPass
            && now - state.stepStartedAtMs() >= step.minDuration().toMillis()
            && state.newChannelPaymentsInStep() >= step.minSamples();
    if (state.phase() == MigrationPhase.RAMPING && stepDone) {
      if (step.requireApproval()) {
        state.phase(
            MigrationPhase.WAITING_APPROVAL,
            now,
            WORKFLOW,
            "gates pass; step " + (state.step() + 1) + " waits for approval");
        steering.upsertPhase();
        notifications.announce(
            "WAITING_APPROVAL",
            WORKFLOW,
            "step " + (state.step() + 1) + " at " + step.weightBps() + " bps");
      } else {
        steering.nextStep(false, WORKFLOW);
      }
    }
  }

  /** At 100%: evaluate every interval until the bake period is over, then complete. */
  private void bakeOnce() {
    if (state.phase() == MigrationPhase.RAMPING) {
      state.bakeStarted(Workflow.currentTimeMillis());
      state.phase(
          MigrationPhase.BAKING,
          Workflow.currentTimeMillis(),
          WORKFLOW,
          "100% on "
              + plan.toChannel()
              + "; baking for "
              + plan.bakePeriod()
              + ", "
              + plan.fromChannel()
              + " kept as the backup");
      steering.upsertPhase();
      notifications.announce("BAKING", WORKFLOW, "baking for " + plan.bakePeriod());
    }
    steering.details();
    if (!waitForIntervalOrRequest()) {
      return;
    }
    gates.evaluate();
    long now = Workflow.currentTimeMillis();
    if (state.phase() == MigrationPhase.BAKING
        && now - state.bakeStartedAtMs() >= plan.bakePeriod().toMillis()) {
      if (!steering.apply(RoutingTable.FULL, false, WORKFLOW, "migration completed")) {
        return;
      }
      state.phase(
          MigrationPhase.COMPLETED,
          now,
          WORKFLOW,
          "baked for " + plan.bakePeriod() + " with the gates passing");
      steering.upsertPhase();
      notifications.announce(
          "COMPLETED",
          WORKFLOW,
          plan.toChannel() + " carries all traffic of scope " + plan.scope());
      steering.finish(WORKFLOW, "completed");
    }
  }

  /**
   * Waits until the next evaluation is due or an engineer request arrives, and handles the
   * requests. Returns true when it is time to evaluate, false when a request changed the course
   * first.
   */
  private boolean waitForIntervalOrRequest() {
    long due = state.lastEvaluatedAtMs() + plan.evaluationInterval().toMillis();
    long wait = due - Workflow.currentTimeMillis();
    boolean request =
        wait > 0
            ? !Timers.awaitOrTimeout(
                Duration.ofMillis(wait), "next gate evaluation", () -> !requests.isEmpty())
            : !requests.isEmpty();
    boolean changed = requests.handleAll(steering::handle);
    return !request || !changed && Workflow.currentTimeMillis() >= due;
  }

  private boolean shouldContinueAsNew() {
    return Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  // ---- engineer requests: each handler hands its request to the EngineerRequests ----

  @Override
  public void pause(EngineerRequest r) {
    engineer.signalled(Action.PAUSE, r);
  }

  @Override
  public void resume(EngineerRequest r) {
    engineer.signalled(Action.RESUME, r);
  }

  @Override
  public void promote(EngineerRequest r) {
    engineer.signalled(Action.PROMOTE, r);
  }

  @Override
  public void promoteFull(EngineerRequest r) {
    engineer.signalled(Action.PROMOTE_FULL, r);
  }

  @Override
  public void rollback(EngineerRequest r) {
    engineer.signalled(Action.ROLLBACK, r);
  }

  @Override
  public void approve(EngineerRequest r) {
    engineer.signalled(Action.APPROVE, r);
  }

  @Override
  public void validateRequest(EngineerAction action) {
    engineer.validate(action);
  }

  @Override
  public MigrationStatus request(EngineerAction action) {
    return engineer.carriedOut(action);
  }

  @Override
  public MigrationStatus status() {
    return state == null ? null : state.snapshot();
  }
}
