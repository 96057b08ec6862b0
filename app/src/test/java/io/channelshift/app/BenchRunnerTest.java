package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.bench.BenchReport;
import io.channelshift.app.bench.BenchRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A small benchmark run end to end: both sides complete, a payment's history stays within its
 * budget, the routing, gate and reconciliation measurements come back, and the profiled round says
 * where the CPU went.
 */
class BenchRunnerTest {

  @TempDir Path profiles;

  @Test
  void aSmallRunMeasuresBothSidesAndHistorySizes() throws Exception {
    List<String> progress = new ArrayList<>();

    BenchReport report =
        new BenchRunner(
                10, 4, 0, 1, List.of(10_000, 30_000), false, 20_000, profiles, progress::add)
            .run();

    assertThat(report.floor().paymentsPerSecond()).isPositive();
    assertThat(report.channelshift().paymentsPerSecond()).isPositive();
    assertThat(report.channelshift().p99Ms()).isGreaterThanOrEqualTo(report.channelshift().p50Ms());
    assertThat(report.ratio()).isEqualTo(report.roundRatios().get(0));
    // 25 (issue 2's target) and the callback's lookup among those an adapter verified (issue 15)
    assertThat(report.historyEvents().happyPath()).isBetween(10L, 26L);
    assertThat(report.historyEvents().expired()).isPositive();
    assertThat(progress).anyMatch(line -> line.contains("round 1 of 1"));
    assertThat(report.routing().cachedNsPerDecision()).isPositive();
    assertThat(report.routing().databaseNsPerDecision())
        .isGreaterThan(report.routing().cachedNsPerDecision());
    assertThat(report.gateEvaluations())
        .extracting(BenchReport.GateEvaluation::payments)
        .containsExactly(10_000L, 30_000L);
    assertThat(report.gateEvaluations()).allMatch(g -> g.medianMs() > 0);
    // the window holds its share of the 30 days, so it grows with the table
    assertThat(report.gateEvaluations().get(1).paymentsInWindow())
        .isGreaterThan(report.gateEvaluations().get(0).paymentsInWindow());
    assertThat(report.drill()).isNull();
    // a seeded day: every line read, exactly the seeded differences found, against a floor of the
    // same lines
    BenchReport.Reconciliation reconciliation = report.reconciliation();
    assertThat(reconciliation.correct()).as("found %s", reconciliation.found()).isTrue();
    assertThat(reconciliation.matched()).isEqualTo(20_000 - 6);
    assertThat(reconciliation.floorLines()).isEqualTo(20_000);
    assertThat(reconciliation.floorOverRun()).isPositive();
    // the profiled round: each side's stacks written, the CPU found where each side spends it
    assertThat(profiles.resolve("profiled-floor.collapsed")).isNotEmptyFile();
    assertThat(profiles.resolve("profiled-cs.collapsed")).isNotEmptyFile();
    Map<String, BenchReport.Component> parts =
        report.profile().components().stream()
            .collect(Collectors.toMap(BenchReport.Component::name, c -> c));
    BenchReport.Component rest =
        parts.get("REST API: Tomcat, Spring MVC and security, the starter's controllers");
    assertThat(rest.floorMsPerPayment()).as("the floor makes no HTTP request").isZero();
    assertThat(rest.channelshiftMsPerPayment()).isPositive();
    BenchReport.Component workflows = parts.get("workflow code and the SDK's state machines");
    assertThat(workflows.floorMsPerPayment()).isPositive();
    assertThat(workflows.channelshiftMsPerPayment()).isPositive();
  }
}
