package io.channelshift.app.demo.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.app.demo.DemoReport;
import io.channelshift.app.demo.DrillSeries;
import io.channelshift.app.demo.DrillSeries.GatePoint;
import io.channelshift.app.demo.DrillSeries.Kind;
import io.channelshift.app.demo.DrillSeries.Marker;
import io.channelshift.app.demo.DrillSeries.WeightPoint;
import io.channelshift.app.demo.MigrationDrill;
import io.channelshift.app.demo.MigrationReport;
import io.channelshift.app.demo.OutageReport;
import io.channelshift.app.demo.OutageSeries;
import io.channelshift.app.demo.OutageSeries.ChannelSecond;
import io.channelshift.app.demo.ScenarioResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The HTML report of a fixed drill: 19 s drawn on 20 s of axis (43.5 px a second from x = 70), the
 * weight chart 300 high (238 px of plot for 0..10000 bps from y = 26), gate charts 190 high (128 px
 * of plot for a rate 0..1).
 */
class DemoReportHtmlTest {

  private static final long T0 = 1_764_000_000_000L;
  private static final String HOSTILE = "<script>alert(1)</script>";
  private static final Instant RUN_AT = Instant.parse("2026-12-03T20:00:00Z");

  @Test
  void theWeightIsAStepLineOverSecondsSinceTheDrillStarted() {
    Document weight = Svg.charts(page()).get(0);

    assertThat(Svg.title(weight)).contains("weight");
    assertThat(Svg.withClass(weight, "polyline", "weight").get(0).getAttribute("points"))
        .isEqualTo(
            "70.0,264.0 200.5,264.0 200.5,240.2 418.0,240.2 418.0,204.5 635.5,204.5"
                + " 635.5,145.0 809.5,145.0 809.5,264.0 896.5,264.0");
  }

  @Test
  void everyChartMarksTheDegradationAndTheRollbackAtTheirMoment() {
    List<Document> charts = Svg.charts(page());

    assertThat(charts).hasSize(3);
    for (Document chart : charts) {
      assertThat(Svg.withClass(chart, "line", "degraded"))
          .singleElement()
          .satisfies(l -> assertThat(l.getAttribute("x1")).isEqualTo("644.2"));
      assertThat(Svg.withClass(chart, "line", "rollback"))
          .singleElement()
          .satisfies(l -> assertThat(l.getAttribute("x1")).isEqualTo("783.4"));
      assertThat(Svg.withClass(chart, "text", "rollback"))
          .extracting(Element::getTextContent)
          .containsExactly("rollback table");
      // a plain evaluation is not marked: the gates' charts show each one
      assertThat(Svg.withClass(chart, "line", "event")).hasSize(3);
    }
    // the timeline's events are labelled on the weight chart
    assertThat(Svg.withClass(charts.get(0), "text", "event"))
        .extracting(Element::getTextContent)
        .containsExactly("STARTED", "PAUSED", "ROLLED_BACK");
  }

  @Test
  void eachGateShowsBothChannelsItsLimitDashedAndItsFailures() {
    List<Document> charts = Svg.charts(page());
    Document rate = charts.get(1);
    Document latency = charts.get(2);

    assertThat(Svg.title(rate)).isEqualTo("CREATE_SUCCESS_RATE");
    assertThat(Svg.title(latency)).isEqualTo("CREATE_LATENCY_P95_MS (ms)");
    // new 1.0 at 5 s and 6 s; no samples at 7 s breaks the line; 0.5 at 14..16 s
    assertThat(Svg.withClass(rate, "polyline", "new"))
        .extracting(e -> e.getAttribute("points"))
        .containsExactly("287.5,26.0 331.0,26.0", "679.0,90.0 722.5,90.0 766.0,90.0");
    assertThat(Svg.withClass(rate, "polyline", "old")).hasSize(1);
    assertThat(Svg.withClass(rate, "line", "limit").get(0).getAttribute("y1")).isEqualTo("38.8");
    assertThat(Svg.withClass(rate, "path", "fail"))
        .extracting(e -> e.getAttribute("d"))
        .containsExactly(
            "M675.0 86.0L683.0 94.0M675.0 94.0L683.0 86.0",
            "M718.5 86.0L726.5 94.0M718.5 94.0L726.5 86.0",
            "M762.0 86.0L770.0 94.0M762.0 94.0L770.0 86.0");
    assertThat(Svg.withClass(rate, "path", "fail").get(0).getTextContent())
        .isEqualTo(
            "FAIL CREATE_SUCCESS_RATE: new 0.500 (12 samples) vs old 1.000 (30 samples), limit 0.9");
    assertThat(Svg.withClass(latency, "path", "fail")).isEmpty();
    // 2000 ms limit, axis up to 2500: the limit at 26 + 0.2 * 128
    assertThat(Svg.withClass(latency, "line", "limit").get(0).getAttribute("y1")).isEqualTo("51.6");
  }

  @Test
  void aReasonFromTheServerIsShownAsTextNeverRun() {
    String page = page();

    assertThat(page).doesNotContainIgnoringCase("<script");
    assertThat(page).contains("&lt;script&gt;alert(1)&lt;/script&gt;");
    assertThat(page).contains("by eve: &lt;script&gt;");
  }

  @Test
  void thePageNeedsNothingElse() {
    String page = page();

    assertThat(page)
        .doesNotContain("<link")
        .doesNotContain("src=")
        .doesNotContain("url(")
        .doesNotContain("@import")
        .doesNotContainIgnoringCase("<script");
    assertThat(page.replace("xmlns=\"http://www.w3.org/2000/svg\"", "")).doesNotContain("http");
  }

  @Test
  void theHeadingSaysWhenTheOutcomeAndTheKeyNumbers() {
    String page = page();

    assertThat(page)
        .contains("2026-12-03 20:00:00 UTC")
        .contains("<span class=\"ok\">passed</span>")
        .contains("<span class=\"ok\">1840 ms</span> (target ≤ 5000 ms)")
        .contains("<th>payment requests refused</th><td>2</td>")
        .contains("1 of 1 payment scenarios hold; 0 invariant violations");
  }

  @Test
  void theReportIsWrittenBesideTheJsonOne(@TempDir Path dir) throws Exception {
    Path json = dir.resolve("report.json");

    Path html = DemoReportHtml.writeBeside(json, report(), RUN_AT);

    assertThat(html).isEqualTo(dir.resolve("report.json.html"));
    assertThat(Files.readString(html, StandardCharsets.UTF_8)).isEqualTo(page());
  }

  @Test
  void aRunWithoutTheDrillStillHasAPage() {
    String page =
        DemoReportHtml.render(
            new DemoReport(
                List.of(new ScenarioResult("paid", "FULFILLED", "CLOSED", false)),
                Map.of("ledger", 1L)),
            RUN_AT);

    assertThat(page).contains("FAILED").contains("0 of 1 payment scenarios hold");
    assertThat(Svg.charts(page)).isEmpty();
  }

  @Test
  void theOutageIsDrawnAsPaymentsPerSecondOnEachChannelWithItsMoments() {
    OutageSeries series =
        new OutageSeries(
            T0,
            T0 + 9_000,
            List.of(
                new ChannelSecond(T0, "legacy", 20),
                new ChannelSecond(T0 + 1_000, "legacy", 20),
                new ChannelSecond(T0 + 2_000, "legacy", 5),
                new ChannelSecond(T0 + 2_000, "nova", 15),
                new ChannelSecond(T0 + 3_000, "nova", 20)),
            List.of(
                new Marker(T0 + 2_500, Kind.DEGRADED, "legacy down", ""),
                new Marker(T0 + 4_000, Kind.FAILOVER, "failover table", ""),
                new Marker(T0 + 6_000, Kind.RECOVERED, "legacy back", ""),
                new Marker(T0 + 8_000, Kind.FAILBACK, "failback table", ""),
                new Marker(T0 + 3_900, Kind.EVENT, "FAILOVER", "by workflow: " + HOSTILE)));
    DemoReport report =
        new DemoReport(
            List.of(),
            Map.of(),
            null,
            new OutageReport(3_000L, 5_000, 0, 100, 0, 2_000L, 0, 12, 1, List.of(), series),
            null,
            null);

    String page = DemoReportHtml.render(report, RUN_AT);
    Document chart = Svg.charts(page).get(0);

    // 10 s of axis: 87 px a second; 0..25 payments on 198 px from y = 26
    assertThat(Svg.withClass(chart, "polyline", "old").get(0).getAttribute("points"))
        .startsWith(
            "70.0,65.6 157.0,65.6 157.0,65.6 244.0,65.6 244.0,184.4 331.0,184.4 331.0,224.0")
        .endsWith("766.0,224.0 853.0,224.0");
    assertThat(Svg.withClass(chart, "polyline", "new").get(0).getAttribute("points"))
        .startsWith(
            "70.0,224.0 157.0,224.0 157.0,224.0 244.0,224.0 244.0,105.2 331.0,105.2 331.0,65.6");
    assertThat(Svg.withClass(chart, "line", "degraded").get(0).getAttribute("x1"))
        .isEqualTo("287.5");
    assertThat(Svg.withClass(chart, "line", "rollback").get(0).getAttribute("x1"))
        .isEqualTo("418.0");
    assertThat(Svg.withClass(chart, "line", "recovered"))
        .extracting(e -> e.getAttribute("x1"))
        .containsExactly("592.0", "766.0");
    assertThat(page).contains("3000 ms (target ≤ 5000 ms)").doesNotContainIgnoringCase("<script");
  }

  private static String page() {
    return DemoReportHtml.render(report(), RUN_AT);
  }

  static DemoReport report() {
    MigrationReport migration =
        new MigrationReport(
            "ROLLED_BACK",
            "automatic: 3 failing evaluations in a row " + HOSTILE,
            1840L,
            0,
            300,
            2,
            40,
            0,
            5000,
            List.of(),
            List.of(),
            series());
    return new DemoReport(
        List.of(new ScenarioResult("paid", "FULFILLED", "FULFILLED", true)),
        Map.of("ledger", 0L),
        migration,
        null,
        null,
        MigrationDrill.Scenario.DEGRADED);
  }

  static DrillSeries series() {
    List<WeightPoint> weight =
        List.of(
            new WeightPoint(T0, 0),
            new WeightPoint(T0 + 3_000, 1_000),
            new WeightPoint(T0 + 8_000, 2_500),
            new WeightPoint(T0 + 13_000, 5_000),
            new WeightPoint(T0 + 17_000, 0));
    List<GatePoint> gates = new ArrayList<>();
    gates.add(rate(5, 1.0, "PASS"));
    gates.add(latency(5));
    gates.add(rate(6, 1.0, "PASS"));
    gates.add(rate(7, null, "INCONCLUSIVE"));
    for (int s = 14; s <= 16; s++) {
      gates.add(rate(s, 0.5, "FAIL"));
      gates.add(latency(s));
    }
    List<Marker> markers =
        List.of(
            new Marker(T0 + 3_000, Kind.EVENT, "STARTED", "by drill"),
            new Marker(T0 + 6_000, Kind.EVENT, "GATES", "by workflow: all 5 gates pass"),
            new Marker(T0 + 10_000, Kind.EVENT, "PAUSED", "by eve: " + HOSTILE),
            new Marker(T0 + 13_200, Kind.DEGRADED, "nova degraded", "at 5000 bps"),
            new Marker(T0 + 16_300, Kind.EVENT, "ROLLED_BACK", "by workflow: automatic"),
            new Marker(T0 + 16_400, Kind.ROLLBACK, "rollback table", "version 9"));
    return new DrillSeries(T0, T0 + 19_000, weight, gates, markers, false);
  }

  private static GatePoint rate(int second, Double newValue, String verdict) {
    return new GatePoint(
        T0 + second * 1_000L,
        "CREATE_SUCCESS_RATE",
        newValue,
        newValue == null ? 0 : 12,
        1.0,
        30,
        0.9,
        verdict);
  }

  private static GatePoint latency(int second) {
    return new GatePoint(
        T0 + second * 1_000L, "CREATE_LATENCY_P95_MS", 120.0, 12, 100.0, 30, 2000, "PASS");
  }
}
