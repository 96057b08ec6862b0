package io.channelshift.health;

import io.channelshift.health.RerouteResult.Outcome;
import io.channelshift.routing.RoutingTable;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * The moves that change where a scope's traffic goes: a failover and a failback, each a new routing
 * table written under the store's checks, a webhook, a timeline entry and a metric.
 */
final class ScopeSteering {

  /** Counted per move; Prometheus shows {@code channelshift_failovers_total{from,to,reason}}. */
  static final String FAILOVERS = "channelshift_failovers";

  static final String FAILBACKS = "channelshift_failbacks";

  private final HealthState state;
  private final HealthStubs stubs;
  private final HealthNotifications notifications;

  ScopeSteering(HealthState state, HealthStubs stubs, HealthNotifications notifications) {
    this.state = state;
    this.stubs = stubs;
    this.notifications = notifications;
  }

  /**
   * Fails the scope over from {@code from} to {@code to}; answers null when done, else why not.
   * {@code metricReason} is {@code health} for the workflow's own decision, {@code engineer} for a
   * request.
   */
  String failover(
      RoutingTable table,
      String from,
      String to,
      int probeBps,
      String by,
      String reason,
      String metricReason) {
    FailoverTables.Plan plan = FailoverTables.failover(table, from, to, probeBps);
    RerouteResult result =
        stubs.routing.reroute(
            new Reroute(
                state.scope(),
                Reroute.Kind.FAILOVER,
                table.version(),
                plan.weightsBps(),
                plan.backups(),
                from,
                to,
                by,
                reason));
    long now = Workflow.currentTimeMillis();
    if (result.outcome() != Outcome.WRITTEN) {
      state.note(now, "FAILOVER NOT WRITTEN", by, result.detail());
      return result.detail();
    }
    state.failedOver(new Failover(from, to, plan.movedBps(), now, by, reason), result.version());
    notifications.announce("failover", from, to, result.version(), by, reason);
    Workflow.getMetricsScope()
        .tagged(Map.of("from", from, "to", to, "reason", metricReason))
        .counter(FAILOVERS)
        .inc(1);
    return null;
  }

  /** Fails the scope back to the channel it failed over from; answers null when done. */
  String failback(RoutingTable table, String by, String reason) {
    Failover f = state.failover();
    FailoverTables.Plan plan = FailoverTables.failback(table, f);
    RerouteResult result =
        stubs.routing.reroute(
            new Reroute(
                state.scope(),
                Reroute.Kind.FAILBACK,
                table.version(),
                plan.weightsBps(),
                plan.backups(),
                f.to(),
                f.from(),
                by,
                reason));
    long now = Workflow.currentTimeMillis();
    if (result.outcome() != Outcome.WRITTEN) {
      state.note(now, "FAILBACK NOT WRITTEN", by, result.detail());
      return result.detail();
    }
    state.failedBack(now, by, reason, result.version());
    notifications.announce("failback", f.to(), f.from(), result.version(), by, reason);
    Workflow.getMetricsScope()
        .tagged(Map.of("from", f.to(), "to", f.from()))
        .counter(FAILBACKS)
        .inc(1);
    return null;
  }
}
