package io.channelshift.health;

import static io.channelshift.health.HealthState.WORKFLOW;

import io.channelshift.health.HealthAction.Action;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.RequestDecision.Refused;
import io.channelshift.routing.RoutingTable;
import io.channelshift.temporal.Timers;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A scope's channel health (docs/architecture.md, "Channel health and failover per scope"): every
 * interval it looks at the scope's table, measures its channels on the migration gates and acts;
 * engineer requests wake it at once. While a migration runs on the scope it measures and says what
 * it would do, but writes no table: the migration owns it (the store enforces this under the
 * routing lock). Runs for months by continuing as new, carrying its {@link HealthState}.
 */
public class ChannelHealthWorkflowImpl implements ChannelHealthWorkflow {

  /** Past this many events the run continues as new. */
  static final int HISTORY_LIMIT = 2_000;

  private final HealthStubs stubs = new HealthStubs();
  private final HealthRequestQueue requests = new HealthRequestQueue();
  private final HealthRequestHandlers engineer = new HealthRequestHandlers(requests);
  private HealthState state;
  private HealthNotifications notifications;
  private ScopeSteering steering;
  private HealthSettings settings = HealthSettings.DEFAULTS;

  @Override
  public ChannelHealthStatus run(ChannelHealthInput input) {
    long now = Workflow.currentTimeMillis();
    state =
        input.carried() != null
            ? HealthState.resume(input.carried())
            : HealthState.start(input.scope(), now);
    notifications = new HealthNotifications(state, stubs);
    steering = new ScopeSteering(state, stubs, notifications);
    engineer.begin(state);
    look(); // the settings in force, before the first wait
    while (true) {
      notifications.settle();
      if (shouldContinueAsNew() && requests.isEmpty() && notifications.none()) {
        Workflow.await(Workflow::isEveryHandlerFinished);
        if (requests.isEmpty()) {
          state.note(Workflow.currentTimeMillis(), "CONTINUED AS NEW", WORKFLOW, "history bound");
          Workflow.continueAsNew(new ChannelHealthInput(state.scope(), state.snapshot()));
        }
      }
      long due = state.lastEvaluatedAtMs() + settings.interval().toMillis();
      long wait = due - Workflow.currentTimeMillis();
      if (wait > 0) {
        Timers.awaitOrTimeout(
            Duration.ofMillis(wait), "next health evaluation", () -> !requests.isEmpty());
      }
      requests.handleAll(this::carryOut);
      if (Workflow.currentTimeMillis() >= due) {
        evaluate(due);
      }
    }
  }

  // ---- one evaluation ----

  /**
   * Evaluates now. The evaluation counts as made at its due time when it is less than an interval
   * late, so evaluations keep to their interval however long a timer or a look takes (a failover
   * comes within about interval × failure limit), and a long pause is not caught up in a burst.
   */
  private void evaluate(long due) {
    long now = Workflow.currentTimeMillis();
    long at = now - due < settings.interval().toMillis() ? due : now;
    ScopeView view = look();
    if (view == null) {
      state.evaluated(at, state.verdicts());
      return;
    }
    RoutingTable table = view.table();
    List<String> channels = table == null ? List.of() : FailoverTables.channels(table);
    if (channels.size() < 2) {
      state.evaluated(at, Map.of());
      state.wouldDo(now, "nothing to compare or fail over to: channels " + channels);
      return;
    }
    Map<String, List<GateVerdict>> verdicts;
    try {
      ScopeMeasurement m =
          stubs.local.measure(
              new HealthMeasureRequest(
                  state.scope(), channels, now - settings.window().toMillis(), now));
      verdicts = HealthJudgement.judge(channels, m, settings.gates());
    } catch (ActivityFailure e) {
      state.evaluated(at, state.verdicts());
      state.note(now, "NOT MEASURED", WORKFLOW, reason(e));
      return;
    }
    state.evaluated(at, verdicts);
    if (state.mode() == HealthMode.WATCHING) {
      watch(table, view.migrationId(), verdicts, now);
    } else {
      probe(table, verdicts, now);
    }
  }

  /**
   * The primary serves: N failing evaluations in a row fail it over to the first healthy backup.
   */
  private void watch(
      RoutingTable table, String migrationId, Map<String, List<GateVerdict>> verdicts, long now) {
    String primary = state.primary();
    List<GateVerdict> failing = HealthJudgement.failing(verdicts.get(primary));
    if (failing.isEmpty()) {
      state.primaryNotFailed();
      state.mayAct();
      return;
    }
    int inARow = state.primaryFailed();
    String why =
        inARow
            + " failing evaluations in a row of "
            + primary
            + ": "
            + HealthJudgement.describe(failing);
    state.note(now, "GATES FAIL", WORKFLOW, why);
    if (inARow < settings.failureLimit()) {
      return;
    }
    String target =
        table.backupsAfter(primary).stream()
            .filter(b -> HealthJudgement.failing(verdicts.get(b)).isEmpty())
            .findFirst()
            .orElse(null);
    if (target == null) {
      state.wouldDo(now, "fail over from " + primary + ", but no backup is healthy");
      return;
    }
    String move = "fail over " + primary + " → " + target;
    if (migrationId != null) {
      state.wouldDo(now, move + "; " + HealthRequests.migrationOwns(migrationId, state.scope()));
      return;
    }
    if (state.hold() != null) {
      state.wouldDo(now, move + "; held by " + state.hold().by() + ": " + state.hold().reason());
      return;
    }
    steering.failover(
        table,
        primary,
        target,
        settings.probeBps(),
        WORKFLOW,
        "automatic: gates "
            + HealthJudgement.names(failing)
            + " failed "
            + inARow
            + " evaluations in a row",
        "health");
  }

  /** Failed over: the failed channel is probed; healthy for the period, it fails back (or asks). */
  private void probe(RoutingTable table, Map<String, List<GateVerdict>> verdicts, long now) {
    Failover f = state.failover();
    List<GateVerdict> probed = verdicts.get(f.from());
    if (!HealthJudgement.failing(probed).isEmpty()) {
      state.failedChannelHealthy(now, false);
    } else if (HealthJudgement.anyPass(probed)) {
      state.failedChannelHealthy(now, true);
    }
    boolean recovered =
        state.healthySinceMs() > 0
            && now - state.healthySinceMs() >= settings.healthyPeriod().toMillis();
    if (!recovered || state.mode() != HealthMode.FAILED_OVER) {
      return;
    }
    String detail = f.from() + " healthy for " + Duration.ofMillis(now - state.healthySinceMs());
    if (settings.failbackNeedsApproval()) {
      state.waitingApproval(now, detail + "; failback waits for an engineer");
      notifications.announce(
          "failback_waiting", f.to(), f.from(), state.routingVersion(), WORKFLOW, detail);
      return;
    }
    if (state.hold() != null) {
      state.wouldDo(now, "fail back to " + f.from() + "; held by " + state.hold().by());
      return;
    }
    steering.failback(table, WORKFLOW, "automatic: " + detail);
  }

  /** The scope's table and settings; null (noted) when the store cannot be read. */
  private ScopeView look() {
    try {
      ScopeView view = stubs.local.look(state.scope());
      settings = view.settings() != null ? view.settings() : HealthSettings.DEFAULTS;
      state.looked(
          new ScopeView(view.table(), view.migrationId(), settings), Workflow.currentTimeMillis());
      return view;
    } catch (ActivityFailure e) {
      state.note(Workflow.currentTimeMillis(), "NOT LOOKED", WORKFLOW, reason(e));
      return null;
    }
  }

  // ---- engineer requests ----

  /** Carries out one request on a fresh look; answers null when done, else why not. */
  private String carryOut(HealthAction a) {
    long now = Workflow.currentTimeMillis();
    ScopeView view = look();
    String refused =
        view == null
            ? "the routing table cannot be read now; try again"
            : HealthRequests.decide(a, state) instanceof Refused r ? r.reason() : null;
    if (refused == null) {
      refused =
          switch (a.action()) {
            case HOLD -> {
              state.held(new Hold(a.who(), a.reason(), now));
              yield null;
            }
            case RELEASE -> {
              state.released(now, a.who(), a.reason());
              yield null;
            }
            case FAILBACK -> steering.failback(view.table(), a.who(), a.reason());
            case FAILOVER -> failoverAsked(view.table(), a);
          };
    }
    if (refused != null) {
      state.note(now, "REFUSED " + a.action(), a.who(), refused);
    }
    return refused;
  }

  private String failoverAsked(RoutingTable table, HealthAction a) {
    String primary = state.primary();
    String target =
        a.target() != null
            ? a.target()
            : table.backupsAfter(primary).stream()
                .filter(b -> HealthJudgement.failing(state.verdicts().get(b)).isEmpty())
                .findFirst()
                .orElse(table.backupsAfter(primary).get(0));
    return steering.failover(
        table, primary, target, settings.probeBps(), a.who(), a.reason(), "engineer");
  }

  private boolean shouldContinueAsNew() {
    return Workflow.getInfo().getHistoryLength() > HISTORY_LIMIT
        || Workflow.getInfo().isContinueAsNewSuggested();
  }

  private static String reason(ActivityFailure e) {
    return e.getCause() == null ? e.getMessage() : e.getCause().getMessage();
  }

  // ---- handlers: each hands its request to the HealthRequestHandlers ----

  @Override
  public void failover(ScopeRequest r) {
    engineer.signalled(Action.FAILOVER, r);
  }

  @Override
  public void failback(ScopeRequest r) {
    engineer.signalled(Action.FAILBACK, r);
  }

  @Override
  public void hold(ScopeRequest r) {
    engineer.signalled(Action.HOLD, r);
  }

  @Override
  public void release(ScopeRequest r) {
    engineer.signalled(Action.RELEASE, r);
  }

  @Override
  public void validateRequest(HealthAction action) {
    engineer.validate(action);
  }

  @Override
  public ChannelHealthStatus request(HealthAction action) {
    return engineer.carriedOut(action);
  }

  @Override
  public ChannelHealthStatus status() {
    return state == null ? null : state.snapshot();
  }
}
