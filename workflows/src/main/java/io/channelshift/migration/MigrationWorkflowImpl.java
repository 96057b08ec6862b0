package io.channelshift.migration;

import static io.channelshift.migration.MigrationState.WORKFLOW;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.migration.RequestDecision.Refused;
import io.channelshift.routing.RoutingTable;
import io.channelshift.temporal.Timers;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The channel migration (docs/architecture.md, "A channel migration"). A loop over the plan's
 * steps; in each, the weight is applied, then the gates are evaluated every interval until the step
 * may go on. Engineer requests wake the loop at once. The whole state lives in one {@link
 * MigrationState}, which is what the status query shows and what continue-as-new carries; the moves
 * that change the course are a {@link MigrationSteering}, the gates' judgement a {@link
 * GateEvaluation}, the notifications {@link MigrationNotifications}, the version gates {@link
 * MigrationVersions}, the stubs and their options {@link MigrationStubs}.
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
    if (input.carried() == null && !planUsable()) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      notifications.awaitAll();
      return state.snapshot();
    }
    if (input.carried() == null) {
      notifications.announce(
          "STARTED",
          input.startedBy(),
          "plan: "
              + plan.steps().stream()
                  .map(s -> String.valueOf(s.weightBps()))
                  .collect(Collectors.joining(" → "))
              + " bps");
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

  /**
   * Whether the plan can be run ({@link MigrationVersions#CHECKED_PLAN}): the API checked it
   * already, but a start straight on Temporal did not. One that cannot ends ABORTED with its
   * problems, nothing written to the routing table (no traffic has moved: the scope stays on the
   * old channel).
   */
  private boolean planUsable() {
    if (!versions.checksPlan()) {
      return true;
    }
    List<PlanValidation.Problem> problems = PlanValidation.problems(plan);
    if (problems.isEmpty()) {
      return true;
    }
    steering.abortBeforeStart(
        "the plan cannot be used, nothing was moved: "
            + problems.stream()
                .map(p -> p.field() + " " + p.message())
                .collect(Collectors.joining("; ")));
    return false;
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

  // ---- engineer requests: signals (a refusal goes to the timeline) and the update (refused at
  // once) ----

  @Override
  public void pause(EngineerRequest r) {
    signal(Action.PAUSE, r);
  }

  @Override
  public void resume(EngineerRequest r) {
    signal(Action.RESUME, r);
  }

  @Override
  public void promote(EngineerRequest r) {
    signal(Action.PROMOTE, r);
  }

  @Override
  public void promoteFull(EngineerRequest r) {
    signal(Action.PROMOTE_FULL, r);
  }

  @Override
  public void rollback(EngineerRequest r) {
    signal(Action.ROLLBACK, r);
  }

  @Override
  public void approve(EngineerRequest r) {
    signal(Action.APPROVE, r);
  }

  /**
   * A signal cannot answer; a refused one goes to the timeline so that nobody wonders where it
   * went.
   */
  private void signal(Action kind, EngineerRequest r) {
    EngineerAction action =
        new EngineerAction(kind, r == null ? null : r.by(), r == null ? null : r.reason());
    if (state != null && Requests.decide(action, state, plan) instanceof Refused refused) {
      state.note(
          Workflow.currentTimeMillis(),
          "REFUSED " + action.action(),
          action.request().who(),
          refused.reason());
      return;
    }
    requests.add(action);
  }

  @Override
  public void validateRequest(EngineerAction action) {
    if (state == null) {
      throw new IllegalStateException("the migration is starting");
    }
    if (Requests.decide(action, state, plan) instanceof Refused refused) {
      throw new IllegalStateException(refused.reason());
    }
  }

  @Override
  public MigrationStatus request(EngineerAction action) {
    long seq = requests.add(action);
    // Answered with the state the request left behind, a new step's weight in force included: with
    // durable routing writes that write is an activity, which ends after the task that handled the
    // request.
    Workflow.await(
        () ->
            requests.handled(seq)
                && (!versions.knownDurableRoutingWrites() || stepWeightInForce()));
    return state.snapshot();
  }

  private boolean stepWeightInForce() {
    return state.phase().ended() || state.weightBps() == plan.steps().get(state.step()).weightBps();
  }

  @Override
  public MigrationStatus status() {
    return state == null ? null : state.snapshot();
  }
}
