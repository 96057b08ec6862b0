package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoReport;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.demo.DrillSeries;
import io.channelshift.app.demo.MigrationDrill;
import io.channelshift.app.demo.MigrationReport;
import io.channelshift.app.demo.html.DemoReportHtml;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.store.InvariantChecks;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The demo's migration drill on the whole embedded stack: nova degrades mid-ramp under steady
 * traffic, the gates see it, the migration rolls back by itself, and no payment is lost or sent to
 * nova afterwards.
 */
class MigrationDrillTest {

  @Test
  void aDegradedChannelIsRolledBackAutomaticallyWithinTheTargetAndNothingIsLost() throws Exception {
    ByteArrayOutputStream progress = new ByteArrayOutputStream();
    try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING))) {
      MigrationReport report =
          new MigrationDrill(
                  stack,
                  new DemoClient(stack),
                  new PrintStream(progress, true, StandardCharsets.UTF_8),
                  "test")
              .run(MigrationDrill.Scenario.DEGRADED);

      assertThat(report.finalPhase())
          .as(progress.toString(StandardCharsets.UTF_8))
          .isEqualTo("ROLLED_BACK");
      assertThat(report.rollbackReason()).startsWith("automatic: 3 failing evaluations in a row");
      assertThat(report.paymentsRoutedToNewAfterRollback()).isZero();
      assertThat(report.paymentsNotEnded()).isZero();
      // a create nova cannot take (a 5xx) moves to the backup, legacy: the platform still gets 201
      assertThat(report.paymentRequestsRefused()).isZero();
      assertThat(report.paymentsOnNew()).isPositive();
      assertThat(report.msFromDegradationToRollback()).isPositive();
      // The target (interval x failure limit + 2 s) is asserted with slack for a loaded CI machine;
      // the bench and the demo report the measured figure.
      assertThat(report.msFromDegradationToRollback()).isLessThan(3 * report.targetMsToRollback());
      assertThat(report.timeline()).anyMatch(e -> e.get("event").equals("ROLLED_BACK"));
      // nova charges 0.38% against legacy's 0.60%: the month's volume priced on both, nova the
      // cheaper
      assertThat(report.feeProjection())
          .singleElement()
          .satisfies(
              fees -> {
                assertThat(fees.get("currency")).isEqualTo("CNY");
                assertThat(((Number) fees.get("feesOnToMinor")).longValue())
                    .isLessThan(((Number) fees.get("feesOnFromMinor")).longValue());
                assertThat(((Number) fees.get("monthlyDifferenceMinor")).longValue())
                    .isEqualTo(
                        ((Number) fees.get("feesOnFromMinor")).longValue()
                            - ((Number) fees.get("feesOnToMinor")).longValue());
              });
      assertThat(new InvariantChecks(stack.dataSource()).violations())
          .allSatisfy((name, n) -> assertThat(n).as(name).isZero());
      theSeriesShowsTheRampAndTheRollback(report.series());
      theHtmlReportIsWritten(report);
    }
  }

  /** The weight rises step by step to the degradation's 5000 bps, then drops to 0. */
  private static void theSeriesShowsTheRampAndTheRollback(DrillSeries series) {
    List<Integer> weights =
        series.weight().stream().map(DrillSeries.WeightPoint::weightBps).toList();
    assertThat(weights).first().isEqualTo(0);
    assertThat(weights).last().isEqualTo(0);
    int peak = weights.indexOf(weights.stream().max(Integer::compare).orElseThrow());
    assertThat(weights.get(peak)).isGreaterThanOrEqualTo(MigrationDrill.DEGRADE_AT_BPS);
    assertThat(weights.subList(1, peak + 1)).isSorted().doesNotContain(0);
    assertThat(weights.subList(peak + 1, weights.size())).containsOnly(0);
    DrillSeries.Marker degraded = marker(series, DrillSeries.Kind.DEGRADED);
    DrillSeries.Marker rollback = marker(series, DrillSeries.Kind.ROLLBACK);
    assertThat(rollback.atMs()).isGreaterThan(degraded.atMs());
    assertThat(series.markers()).anyMatch(m -> m.label().equals("ROLLED_BACK"));
    assertThat(series.gates())
        .anyMatch(g -> g.verdict().equals("FAIL") && g.atMs() > degraded.atMs());
    assertThat(series.truncated()).isFalse();
  }

  /** Written where the build keeps its output, so that a person can open the last run's page. */
  private static void theHtmlReportIsWritten(MigrationReport migration) throws Exception {
    Path json = Path.of("target", "migration-drill", "report.json");
    Files.createDirectories(json.getParent());
    Path html =
        DemoReportHtml.writeBeside(
            json,
            new DemoReport(
                List.of(), Map.of(), migration, null, null, MigrationDrill.Scenario.DEGRADED),
            Instant.now());
    assertThat(html.getFileName()).hasToString("report.json.html");
    String page = Files.readString(html, StandardCharsets.UTF_8);
    assertThat(page)
        .contains("<polyline class=\"weight\"")
        .contains("<line class=\"rollback\"")
        .contains("<line class=\"degraded\"")
        .contains("rollback table")
        .contains("ROLLED_BACK")
        .doesNotContainIgnoringCase("<script");
  }

  private static DrillSeries.Marker marker(DrillSeries series, DrillSeries.Kind kind) {
    return series.markers().stream().filter(m -> m.kind() == kind).findFirst().orElseThrow();
  }
}
