package io.channelshift.app.demo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import java.util.Map;

/**
 * The demo's outcome: every scenario, the invariants checked from the database (violation counts),
 * and the drills: migration, outage ({@code failover}) and drain (each null when not run).
 */
public record DemoReport(
    List<ScenarioResult> scenarios,
    Map<String, Long> invariants,
    MigrationReport migration,
    OutageReport failover,
    DrainReport drain,
    @JsonIgnore MigrationDrill.Scenario drill) {

  public DemoReport(List<ScenarioResult> scenarios, Map<String, Long> invariants) {
    this(scenarios, invariants, null, null, null, null);
  }

  public boolean ok() {
    return scenarios.stream().allMatch(ScenarioResult::ok)
        && invariants.values().stream().allMatch(v -> v == 0)
        && (migration == null || migration.ok(drill))
        && (failover == null || failover.ok())
        && (drain == null || drain.ok());
  }
}
