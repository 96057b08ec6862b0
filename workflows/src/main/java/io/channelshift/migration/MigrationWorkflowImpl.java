package io.channelshift.migration;

import static io.channelshift.temporal.TemporalNames.MIGRATION_PHASE;
import static io.channelshift.temporal.TemporalNames.TRAFFIC_WEIGHT;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.migration.RequestDecision.Refused;
import io.channelshift.payment.EventIds;
import io.channelshift.routing.RoutingTable;
import io.channelshift.temporal.Timers;
import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.stream.Collectors;

/**
 * The channel migration of DESIGN.md. A loop over the plan's steps; in each, the weight is applied, then the gates
 * are evaluated every interval until the step may go on. Engineer requests wake the loop at once. The whole state
 * lives in one {@link MigrationState}, which is what the status query shows and what continue-as-new carries.
 */
public class MigrationWorkflowImpl implements MigrationWorkflow {

  /** Past this many events the run continues as new (a bake of weeks evaluates gates thousands of times). */
  static final int HISTORY_LIMIT = 2_000;
  private static final String WORKFLOW = "workflow";
  /**
   * Routing writes as activities rather than local activities. A local activity's result is recorded only when its
   * workflow task completes: a worker killed after the table was written but before that (the rollback drill did
   * it) came back, measured again, saw nothing on the new channel (the table already sent nothing there), and
   * paused with the table and the workflow disagreeing. An activity is scheduled in the same task as the decision
   * that asks for it, so the decision is in history before the table changes.
   */
  static final String DURABLE_ROUTING_WRITES = "durable-routing-writes";
  /**
   * Version 1: a run that should continue as new does so with notifications still on their way, handing them to
   * the next run; before, it waited for them, up to a day, its history growing by every evaluation meanwhile.
   */
  static final String CARRY_NOTIFICATIONS = "carry-notifications";
  /**
   * Version 1: a run first checks its plan ({@link PlanValidation}, {@link PlanLimits}); a plan it cannot use (one
   * started straight on Temporal, past the API's checks: a duration out of bounds overflows the millisecond
   * arithmetic after traffic has moved) ends the migration ABORTED before any traffic moves. Before, such a run
   * failed its workflow tasks for good once it met the value, and could be neither paused nor rolled back.
   */
  static final String CHECKED_PLAN = "checked-plan";

  /**
   * Version 1: a notification's event id is {@code migration/{migrationId}/{n}/{type}} ({@link EventIds}), unique by
   * construction among every kind of webhook; before, {@code {migrationId}-{n}-{type}}, which a migration named like
   * {@code fulfil-x} made the same as a payment's fulfilment event.
   */
  static final String EVENT_IDS = "migration-event-ids";

  private static final LocalActivityOptions LOCAL = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofSeconds(30))
      .setScheduleToCloseTimeout(Duration.ofMinutes(10))
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200))
          .setMaximumInterval(Duration.ofSeconds(10)).build())
      .build();

  /**
   * Short store calls, as local activities, each with its own summary in the UI. Routing writes go through here
   * only in runs started before {@link #DURABLE_ROUTING_WRITES}.
   */
  private final MigrationActivities local = Workflow.newLocalActivityStub(MigrationActivities.class, LOCAL, Map.of(
      "ApplyWeight", LOCAL.toBuilder().setSummary("write the routing table").build(),
      "Measure", LOCAL.toBuilder().setSummary("measure both channels for the gates").build(),
      "Finish", LOCAL.toBuilder().setSummary("record the end; free the scope").build()));

  /**
   * Putting the traffic back on the old channel when the migration cannot go on: retried for as long as it takes
   * (a database that stays down for longer than a step's writes may), because nothing matters more. Runs started
   * before {@link #DURABLE_ROUTING_WRITES} only; later ones use {@link #routingBack}.
   */
  private final MigrationActivities restore = Workflow.newLocalActivityStub(MigrationActivities.class,
      LocalActivityOptions.newBuilder()
          .setSummary("route everything back to the old channel")
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofMinutes(1)).build())
          .build());

  /** Routing writes from {@link #DURABLE_ROUTING_WRITES} on: a step's weight, retried like the local one was. */
  private final MigrationActivities routing = Workflow.newActivityStub(MigrationActivities.class,
      ActivityOptions.newBuilder()
          .setSummary("write the routing table")
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofMillis(200))
              .setMaximumInterval(Duration.ofSeconds(10)).build())
          .build());

  /** Routing back to the old channel from {@link #DURABLE_ROUTING_WRITES} on: retried for as long as it takes. */
  private final MigrationActivities routingBack = Workflow.newActivityStub(MigrationActivities.class,
      ActivityOptions.newBuilder()
          .setSummary("route everything back to the old channel")
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
              .setMaximumInterval(Duration.ofMinutes(1)).build())
          .build());

  /** Notifications retry for a day: a platform's webhook being down must not hold the migration. */
  private static final Duration NOTIFICATION_DAY = Duration.ofDays(1);
  private static final ActivityOptions NOTIFY = ActivityOptions.newBuilder()
      .setSummary("notify the platform")
      .setStartToCloseTimeout(Duration.ofSeconds(15))
      .setScheduleToCloseTimeout(NOTIFICATION_DAY)
      .setRetryOptions(RetryOptions.newBuilder().setInitialInterval(Duration.ofSeconds(1))
          .setMaximumInterval(Duration.ofMinutes(5)).build())
      .build();
  private final MigrationActivities remote = Workflow.newActivityStub(MigrationActivities.class, NOTIFY);

  /** A request waiting for the main loop, numbered so that its update can wait until it has been carried out. */
  private record Pending(long seq, EngineerAction action) {}

  private final Queue<Pending> requests = new ArrayDeque<>();
  /** A notification on its way, with what the next run needs to send it on. */
  private record InFlight(Promise<Void> delivery, PendingNotification notification) {}

  private final List<InFlight> notifications = new ArrayList<>();
  private long lastQueued;
  private long lastHandled;
  /** Whether this run writes routing tables as activities ({@link #DURABLE_ROUTING_WRITES}); known from its first. */
  private boolean durableWrites;
  private MigrationPlan plan;
  private MigrationState state;

  @Override
  public MigrationStatus run(MigrationInput input) {
    plan = input.plan();
    state = input.carried() != null ? MigrationState.resume(input.carried())
        : MigrationState.start(plan, Workflow.currentTimeMillis(), input.startedBy());
    if (input.carried() == null && !planUsable()) {
      Workflow.await(Workflow::isEveryHandlerFinished);
      awaitNotifications();
      return state.snapshot();
    }
    if (input.carried() == null) {
      announce("STARTED", input.startedBy(), "plan: " + plan.steps().stream()
          .map(s -> String.valueOf(s.weightBps())).collect(Collectors.joining(" → ")) + " bps");
    }
    if (input.undelivered() != null) {
      input.undelivered().forEach(this::send);
    }
    while (!state.phase().ended()) {
      settleNotifications();
      if (shouldContinueAsNew() && requests.isEmpty() && (notifications.isEmpty() || carriesNotifications())) {
        // Every queued request is handled, so every update is answered; nothing is lost across the new run.
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (requests.isEmpty()) {
          state.continuedAsNew();
          Workflow.continueAsNew(new MigrationInput(plan, input.startedBy(), state.snapshot(), undelivered()));
        }
      }
      try {
        if (state.phase() == MigrationPhase.BAKING || state.baking()) {
          bakeOnce();
        } else {
          rampOnce();
        }
      } catch (ArithmeticException e) {
        // A duration the arithmetic cannot hold, in a run started before CHECKED_PLAN. Such a task used to fail for
        // good (so no history records one completing past here, and no version is needed): fail safe instead,
        // traffic back on the old channel.
        abort("the plan has a duration the migration cannot use (" + e.getMessage() + ")");
      }
    }
    handleQueued(); // accepted just before the end: each is answered, as refused
    Workflow.await(Workflow::isEveryHandlerFinished);
    awaitNotifications();
    details();
    return state.snapshot();
  }

  /**
   * Whether the plan can be run ({@link #CHECKED_PLAN}): the API checked it already, but a start straight on
   * Temporal did not. One that cannot ends ABORTED with its problems, nothing written to the routing table
   * (no traffic has moved: the scope stays on the old channel).
   */
  private boolean planUsable() {
    if (Workflow.getVersion(CHECKED_PLAN, Workflow.DEFAULT_VERSION, 1) < 1) {
      return true;
    }
    List<PlanValidation.Problem> problems = PlanValidation.problems(plan);
    if (problems.isEmpty()) {
      return true;
    }
    String why = "the plan cannot be used, nothing was moved: " + problems.stream()
        .map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
    long now = Workflow.currentTimeMillis();
    state.phase(MigrationPhase.ABORTED, now, WORKFLOW, why);
    state.rolledBack("aborted: " + why);
    Workflow.upsertTypedSearchAttributes(MIGRATION_PHASE.valueSet(state.phase().name()));
    Workflow.setCurrentDetails("**ABORTED**: " + why);
    announce("ABORTED", WORKFLOW, why);
    finish(WORKFLOW, "aborted: " + why);
    return false;
  }

  // ---- one turn of the loop ----

  /** Applies the step's weight if it is not yet in force, then waits one interval (or a request) and evaluates. */
  private void rampOnce() {
    MigrationPlan.Step step = plan.steps().get(state.step());
    if (state.weightBps() != step.weightBps()) {
      if (!apply(step.weightBps(), true, WORKFLOW, "step " + (state.step() + 1) + " of " + plan.steps().size())) {
        return;
      }
      state.stepStarted(Workflow.currentTimeMillis());
      announce("STEP", WORKFLOW, step.weightBps() + " bps on " + plan.toChannel());
    }
    details();
    if (!waitForIntervalOrRequest()) {
      return; // a request changed the course; the loop looks again
    }
    List<GateVerdict> verdicts = evaluate();
    if (state.phase().ended()) {
      return;
    }
    long now = Workflow.currentTimeMillis();
    boolean allPass = verdicts.stream().allMatch(v -> v.verdict() == Verdict.PASS);
    boolean stepDone = allPass && now - state.stepStartedAtMs() >= step.minDuration().toMillis()
        && state.newChannelPaymentsInStep() >= step.minSamples();
    if (state.phase() == MigrationPhase.RAMPING && stepDone) {
      if (step.requireApproval()) {
        state.phase(MigrationPhase.WAITING_APPROVAL, now, WORKFLOW, "gates pass; step " + (state.step() + 1)
            + " waits for approval");
        upsertPhase();
        announce("WAITING_APPROVAL", WORKFLOW, "step " + (state.step() + 1) + " at " + step.weightBps() + " bps");
      } else {
        nextStep(false, WORKFLOW);
      }
    }
  }

  /** At 100%: evaluate every interval until the bake period is over, then complete. */
  private void bakeOnce() {
    if (state.phase() == MigrationPhase.RAMPING) {
      state.bakeStarted(Workflow.currentTimeMillis());
      state.phase(MigrationPhase.BAKING, Workflow.currentTimeMillis(), WORKFLOW,
          "100% on " + plan.toChannel() + "; baking for " + plan.bakePeriod() + ", " + plan.fromChannel()
              + " kept as the backup");
      upsertPhase();
      announce("BAKING", WORKFLOW, "baking for " + plan.bakePeriod());
    }
    details();
    if (!waitForIntervalOrRequest()) {
      return;
    }
    evaluate();
    long now = Workflow.currentTimeMillis();
    if (state.phase() == MigrationPhase.BAKING && now - state.bakeStartedAtMs() >= plan.bakePeriod().toMillis()) {
      if (!apply(RoutingTable.FULL, false, WORKFLOW, "migration completed")) {
        return;
      }
      state.phase(MigrationPhase.COMPLETED, now, WORKFLOW, "baked for " + plan.bakePeriod() + " with the gates passing");
      upsertPhase();
      announce("COMPLETED", WORKFLOW, plan.toChannel() + " carries all traffic of scope " + plan.scope());
      finish(WORKFLOW, "completed");
    }
  }

  /**
   * Waits until the next evaluation is due or an engineer request arrives, and handles the requests. Returns true
   * when it is time to evaluate, false when a request changed the course first.
   */
  private boolean waitForIntervalOrRequest() {
    long due = state.lastEvaluatedAtMs() + plan.evaluationInterval().toMillis();
    long wait = due - Workflow.currentTimeMillis();
    boolean request = wait > 0
        ? !Timers.awaitOrTimeout(Duration.ofMillis(wait), "next gate evaluation", () -> !requests.isEmpty())
        : !requests.isEmpty();
    boolean changed = handleQueued();
    return !request || !changed && Workflow.currentTimeMillis() >= due;
  }

  private List<GateVerdict> evaluate() {
    long now = Workflow.currentTimeMillis();
    long windowStart = Math.max(state.stepStartedAtMs(), now - plan.window().toMillis());
    GateMeasurement m = local.measure(new MeasureRequest(plan.scope(), plan.fromChannel(), plan.toChannel(),
        windowStart, now, state.stepStartedAtMs()));
    List<GateVerdict> verdicts = GateJudge.judge(plan.gates(), m);
    state.evaluated(now, verdicts, m.newChannelPaymentsInStep());
    List<GateVerdict> failing = verdicts.stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
    if (!failing.isEmpty()) {
      state.failed(now, describe(failing));
      if (state.consecutiveFailures() >= plan.failureLimit()) {
        rollback(WORKFLOW, "automatic: " + state.consecutiveFailures() + " failing evaluations in a row; "
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
      String why = "inconclusive for " + Duration.ofMillis(state.inconclusiveFor(now)) + ": "
          + describe(verdicts.stream().filter(v -> v.verdict() == Verdict.INCONCLUSIVE).toList());
      state.phase(MigrationPhase.PAUSED, now, WORKFLOW, why);
      upsertPhase();
      announce("PAUSED", WORKFLOW, why);
    }
    return verdicts;
  }

  // ---- engineer requests ----

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

  /** A signal cannot answer; a refused one goes to the timeline so that nobody wonders where it went. */
  private void signal(Action kind, EngineerRequest r) {
    EngineerAction action = new EngineerAction(kind, r == null ? null : r.by(), r == null ? null : r.reason());
    if (state != null && Requests.decide(action, state, plan) instanceof Refused refused) {
      state.note(Workflow.currentTimeMillis(), "REFUSED " + action.action(), action.request().who(), refused.reason());
      return;
    }
    enqueue(action);
  }

  private long enqueue(EngineerAction action) {
    long seq = ++lastQueued;
    requests.add(new Pending(seq, action));
    return seq;
  }

  /** Carries out the queued requests in order; returns true when one changed the course. */
  private boolean handleQueued() {
    boolean changed = false;
    while (!requests.isEmpty()) {
      Pending next = requests.poll();
      changed |= handle(next.action());
      lastHandled = next.seq();
    }
    return changed;
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
    long seq = enqueue(action);
    // Answered with the state the request left behind, a new step's weight in force included: with durable
    // routing writes that write is an activity, which ends after the task that handled the request.
    Workflow.await(() -> lastHandled >= seq && (!durableWrites || stepWeightInForce()));
    return state.snapshot();
  }

  private boolean stepWeightInForce() {
    return state.phase().ended() || state.weightBps() == plan.steps().get(state.step()).weightBps();
  }

  /** Applies one request; returns true when it changed the course (anything but a plain note). */
  private boolean handle(EngineerAction a) {
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
        announce("PAUSED", who, reason(a, "paused by " + who));
      }
      case RESUME -> {
        MigrationPhase back = state.baking() ? MigrationPhase.BAKING : MigrationPhase.RAMPING;
        state.conclusive(); // a human looked: the inconclusive clock starts again
        state.phase(back, now, who, reason(a, "resumed"));
        upsertPhase();
        announce("RESUMED", who, reason(a, "resumed by " + who));
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

  // ---- transitions ----

  private void nextStep(boolean full, String who) {
    long now = Workflow.currentTimeMillis();
    int next = full ? plan.lastStep() : state.step() + 1;
    if (state.step() >= plan.lastStep()) { // already at 100%: the next thing is the bake
      state.phase(MigrationPhase.RAMPING, now, who, "step " + (state.step() + 1) + " done");
      state.startBaking();
      return;
    }
    state.nextStep(next, now, who, full ? "promoted to 100%" : "on to step " + (next + 1) + " of "
        + plan.steps().size());
    upsertPhase();
  }

  private void rollback(String who, String reason) {
    long decidedAt = Workflow.currentTimeMillis();
    state.rollbackDecided(decidedAt);
    apply(0, false, who, "rollback: " + reason);
    state.phase(MigrationPhase.ROLLED_BACK, Workflow.currentTimeMillis(), who, reason);
    state.rolledBack(reason);
    upsertPhase();
    announce("ROLLED_BACK", who, reason);
    finish(who, "rolled back: " + reason);
  }

  /**
   * Writes the table for a weight. When that write fails for good (the store unreachable past the retries), the
   * migration cannot be steered any more: it puts everything back on the old channel and ends ABORTED.
   */
  private boolean apply(int weightBps, boolean ramping, String who, String reason) {
    WeightChange change = new WeightChange(plan.migrationId(), plan.scope(), plan.fromChannel(), plan.toChannel(),
        weightBps, ramping, who, reason);
    long version;
    try {
      version = writer(weightBps == 0).applyWeight(change);
    } catch (ActivityFailure e) {
      abort("the routing table could not be written (" + (e.getCause() == null ? e.getMessage()
          : e.getCause().getMessage()) + ")");
      return false;
    }
    state.applied(weightBps, version, Workflow.currentTimeMillis(), who, reason);
    Workflow.upsertTypedSearchAttributes(TRAFFIC_WEIGHT.valueSet((long) weightBps));
    return true;
  }

  /** Who writes the routing table: activities, or local activities in runs started before they were. */
  private MigrationActivities writer(boolean backToOldChannel) {
    durableWrites = Workflow.getVersion(DURABLE_ROUTING_WRITES, Workflow.DEFAULT_VERSION, 1) >= 1;
    if (durableWrites) {
      return backToOldChannel ? routingBack : routing;
    }
    return backToOldChannel ? restore : local;
  }

  private void abort(String why) {
    long version = writer(true).applyWeight(new WeightChange(plan.migrationId(), plan.scope(), plan.fromChannel(),
        plan.toChannel(), 0, false, WORKFLOW, "aborted: " + why));
    state.applied(0, version, Workflow.currentTimeMillis(), WORKFLOW, "aborted: " + why);
    Workflow.upsertTypedSearchAttributes(TRAFFIC_WEIGHT.valueSet(0L));
    state.phase(MigrationPhase.ABORTED, Workflow.currentTimeMillis(), WORKFLOW, why);
    state.rolledBack("aborted: " + why);
    upsertPhase();
    announce("ABORTED", WORKFLOW, why);
    finish(WORKFLOW, "aborted: " + why);
  }

  /**
   * Sends a notification without waiting for it: a platform whose webhook is down must never hold up the gates
   * (and so a rollback). The run waits for its notifications before it ends; a run that continues as new hands
   * the ones still on their way to the next ({@link #CARRY_NOTIFICATIONS}).
   */
  private void announce(String type, String who, String detail) {
    settleNotifications();
    String n = Integer.toString(state.timeline().size());
    String eventId = Workflow.getVersion(EVENT_IDS, Workflow.DEFAULT_VERSION, 1) >= 1
        ? EventIds.of("migration", plan.migrationId(), n, type) : plan.migrationId() + "-" + n + "-" + type;
    send(new PendingNotification(new MigrationEvent(eventId, plan.migrationId(), type, state.phase(), state.step(),
        state.weightBps(), who, detail), Workflow.currentTimeMillis()));
  }

  /** Delivers within what is left of the notification's day (all of it, unless a run before began it). */
  private void send(PendingNotification n) {
    long left = NOTIFICATION_DAY.toMillis() - (Workflow.currentTimeMillis() - n.firstSentAtMs());
    if (left <= 0) {
      notificationFailed(n.event().eventId() + " not delivered within a day");
      return;
    }
    MigrationActivities notifier = left >= NOTIFICATION_DAY.toMillis() ? remote
        : Workflow.newActivityStub(MigrationActivities.class,
            NOTIFY.toBuilder().setScheduleToCloseTimeout(Duration.ofMillis(left)).build());
    notifications.add(new InFlight(Async.procedure(notifier::announce, n.event()), n));
  }

  /** Forgets the notifications that ended; one that failed for a day goes to the timeline. */
  private void settleNotifications() {
    for (Iterator<InFlight> i = notifications.iterator(); i.hasNext(); ) {
      InFlight n = i.next();
      if (n.delivery().isCompleted()) {
        if (n.delivery().getFailure() != null) {
          notificationFailed(reason(n.delivery().getFailure()));
        }
        i.remove();
      }
    }
  }

  /** Waits for the notifications still on their way; one that failed for a day goes to the timeline. */
  private void awaitNotifications() {
    for (InFlight n : notifications) {
      try {
        n.delivery().get();
      } catch (ActivityFailure e) {
        notificationFailed(reason(e));
      }
    }
    notifications.clear();
  }

  private List<PendingNotification> undelivered() {
    return notifications.stream().map(InFlight::notification).toList();
  }

  /** Whether a run may continue as new with notifications on their way (runs before this change waited). */
  private static boolean carriesNotifications() {
    return Workflow.getVersion(CARRY_NOTIFICATIONS, Workflow.DEFAULT_VERSION, 1) >= 1;
  }

  private void notificationFailed(String why) {
    state.note(Workflow.currentTimeMillis(), "NOTIFICATION FAILED", WORKFLOW, why);
  }

  private static String reason(RuntimeException failure) {
    return failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage();
  }

  private void finish(String who, String detail) {
    local.finish(new MigrationEvent(plan.migrationId() + "-end", plan.migrationId(), "ENDED", state.phase(),
        state.step(), state.weightBps(), who, detail));
  }

  private void upsertPhase() {
    Workflow.upsertTypedSearchAttributes(MIGRATION_PHASE.valueSet(state.phase().name()));
    details();
  }

  private void details() {
    Workflow.setCurrentDetails(state.describe(plan));
  }

  private boolean shouldContinueAsNew() {
    return Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private static String describe(List<GateVerdict> verdicts) {
    return verdicts.stream().map(v -> v.gate() + " " + v.verdict() + " (" + v.reason() + ")")
        .collect(Collectors.joining("; "));
  }

  @Override
  public MigrationStatus status() {
    return state == null ? null : state.snapshot();
  }
}
