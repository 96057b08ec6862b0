package io.channelshift.app.demo;

import java.util.List;
import java.util.Map;

/** The demo's outcome: every scenario, and the invariants checked from the database (violation counts). */
public record DemoReport(List<ScenarioResult> scenarios, Map<String, Long> invariants) {

  public boolean ok() {
    return scenarios.stream().allMatch(ScenarioResult::ok) && invariants.values().stream().allMatch(v -> v == 0);
  }
}
