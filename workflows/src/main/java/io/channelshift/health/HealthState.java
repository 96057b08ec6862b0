package io.channelshift.health;

import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.TimelineEntry;
import io.channelshift.routing.RoutingTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole state of a scope's health workflow, with no Temporal call in it: what the status query
 * shows and what continue-as-new carries.
 */
final class HealthState {

  /** Who the timeline names for what the workflow did on its own. */
  static final String WORKFLOW = "workflow";

  /** The timeline keeps its newest entries, so months of running never grow the carried state. */
  static final int TIMELINE_LIMIT = 500;

  private final String scope;
  private HealthMode mode = HealthMode.WATCHING;
  private String primary;
  private long routingVersion;
  private List<String> backups = List.of();
  private String migrationId;
  private Hold hold;
  private Failover failover;
  private int consecutiveFailures;
  private int failureLimit;
  private long healthySinceMs;
  private long lastEvaluatedAtMs;
  private Map<String, List<GateVerdict>> verdicts = Map.of();
  private String wouldDo;
  private long eventsSent;
  private final List<TimelineEntry> timeline = new ArrayList<>();

  private HealthState(String scope) {
    this.scope = scope;
  }

  static HealthState start(String scope, long nowMs) {
    HealthState s = new HealthState(scope);
    s.lastEvaluatedAtMs = nowMs;
    s.note(nowMs, "STARTED", WORKFLOW, "watching the channels of scope " + scope);
    return s;
  }

  static HealthState resume(ChannelHealthStatus c) {
    HealthState s = new HealthState(c.scope());
    s.mode = c.mode();
    s.primary = c.primary();
    s.routingVersion = c.routingVersion();
    s.backups = c.backups();
    s.migrationId = c.migrationId();
    s.hold = c.hold();
    s.failover = c.failover();
    s.consecutiveFailures = c.consecutiveFailures();
    s.failureLimit = c.failureLimit();
    s.healthySinceMs = c.healthySinceMs();
    s.lastEvaluatedAtMs = c.lastEvaluatedAtMs();
    s.verdicts = c.verdicts();
    s.wouldDo = c.wouldDo();
    s.eventsSent = c.eventsSent();
    s.timeline.addAll(c.timeline());
    return s;
  }

  ChannelHealthStatus snapshot() {
    return new ChannelHealthStatus(
        scope,
        mode,
        primary,
        routingVersion,
        backups,
        migrationId,
        hold,
        failover,
        consecutiveFailures,
        failureLimit,
        healthySinceMs,
        lastEvaluatedAtMs,
        verdicts,
        wouldDo,
        eventsSent,
        timeline);
  }

  /** What the last look found: the table in force, a migration owning it, the failure limit. */
  void looked(ScopeView view, long atMs) {
    RoutingTable table = view.table();
    if (table != null) {
      routingVersion = table.version();
      backups = table.backups();
      primary = FailoverTables.primary(table);
    }
    if (view.migrationId() != null && !view.migrationId().equals(migrationId)) {
      note(
          atMs,
          "MIGRATION RUNNING",
          WORKFLOW,
          "migration " + view.migrationId() + " owns the routing table; measuring only");
    }
    migrationId = view.migrationId();
    failureLimit = view.settings().failureLimit();
  }

  void evaluated(long atMs, Map<String, List<GateVerdict>> byChannel) {
    lastEvaluatedAtMs = atMs;
    verdicts = new LinkedHashMap<>(byChannel);
  }

  /** The primary failed an evaluation; returns how many in a row. */
  int primaryFailed() {
    return ++consecutiveFailures;
  }

  void primaryNotFailed() {
    consecutiveFailures = 0;
  }

  void failedOver(Failover f, long version) {
    mode = HealthMode.FAILED_OVER;
    failover = f;
    routingVersion = version;
    consecutiveFailures = 0;
    healthySinceMs = 0;
    wouldDo = null;
    note(
        f.atMs(),
        "FAILOVER",
        f.by(),
        f.from() + " → " + f.to() + " (table v" + version + "): " + f.reason());
  }

  void failedBack(long atMs, String by, String reason, long version) {
    note(
        atMs,
        "FAILBACK",
        by,
        failover.to() + " → " + failover.from() + " (table v" + version + "): " + reason);
    mode = HealthMode.WATCHING;
    failover = null;
    routingVersion = version;
    consecutiveFailures = 0;
    healthySinceMs = 0;
    wouldDo = null;
  }

  /**
   * The failed channel measured healthy (from then on) or not (the healthy period starts again).
   */
  void failedChannelHealthy(long atMs, boolean healthy) {
    if (!healthy) {
      healthySinceMs = 0;
      if (mode == HealthMode.WAITING_APPROVAL) {
        mode = HealthMode.FAILED_OVER;
        note(atMs, "UNHEALTHY AGAIN", WORKFLOW, failover.from() + " fails its gates again");
      }
    } else if (healthySinceMs == 0) {
      healthySinceMs = atMs;
    }
  }

  void waitingApproval(long atMs, String detail) {
    mode = HealthMode.WAITING_APPROVAL;
    note(atMs, "WAITING_APPROVAL", WORKFLOW, detail);
  }

  void held(Hold h) {
    hold = h;
    note(h.atMs(), "HOLD", h.by(), h.reason());
  }

  void released(long atMs, String by, String reason) {
    hold = null;
    note(atMs, "RELEASE", by, reason);
  }

  /** What the workflow would do but may not; noted once, not at every evaluation. */
  void wouldDo(long atMs, String what) {
    if (!what.equals(wouldDo)) {
      note(atMs, "WOULD ACT", WORKFLOW, what);
    }
    wouldDo = what;
  }

  void mayAct() {
    wouldDo = null;
  }

  long nextEventNumber() {
    return ++eventsSent;
  }

  void note(long atMs, String event, String by, String detail) {
    timeline.add(new TimelineEntry(atMs, event, by, detail));
    if (timeline.size() > TIMELINE_LIMIT) {
      timeline.remove(1); // the first entry (the start) stays
    }
  }

  String scope() {
    return scope;
  }

  HealthMode mode() {
    return mode;
  }

  String primary() {
    return primary;
  }

  long routingVersion() {
    return routingVersion;
  }

  List<String> backups() {
    return backups;
  }

  String migrationId() {
    return migrationId;
  }

  Hold hold() {
    return hold;
  }

  Failover failover() {
    return failover;
  }

  long healthySinceMs() {
    return healthySinceMs;
  }

  long lastEvaluatedAtMs() {
    return lastEvaluatedAtMs;
  }

  Map<String, List<GateVerdict>> verdicts() {
    return verdicts;
  }
}
