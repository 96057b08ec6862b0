package io.channelshift.app.demo.html;

import io.channelshift.app.demo.DrillSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The migration drill's series as charts: the weight as a step line, then one chart per gate with
 * the new and the old channel's values, the limit dashed and every FAIL crossed; the degradation,
 * the rollback and the timeline's events as vertical markers on each.
 */
public final class MigrationCharts {

  static final int WEIGHT_HEIGHT = 300;
  static final int GATE_HEIGHT = 190;

  /** The timeline's entry for an evaluation that passed or was inconclusive. */
  static final String EVALUATION = "GATES";

  private final DrillSeries series;
  private final double xMax;

  public MigrationCharts(DrillSeries series) {
    this.series = series;
    this.xMax = Math.max(1, Math.ceil(seconds(series.endedAtMs()) + 1));
  }

  /** Seconds since the drill started. */
  double seconds(long atMs) {
    return (atMs - series.startedAtMs()) / 1000.0;
  }

  public SvgChart weight() {
    SvgChart chart =
        new SvgChart(
            "nova's weight (share of new payments routed to the new channel)",
            WEIGHT_HEIGHT,
            xMax,
            0,
            10_000,
            v -> Ticks.format(v / 100) + " %");
    List<SvgChart.Point> points = new ArrayList<>();
    for (DrillSeries.WeightPoint p : series.weight()) {
      points.add(new SvgChart.Point(seconds(p.atMs()), (double) p.weightBps()));
    }
    chart.stepLine(points, seconds(series.endedAtMs()), "weight");
    markers(chart, true);
    return chart;
  }

  /** One chart per gate, in the order the gates were first reported. */
  public List<SvgChart> gates() {
    Map<String, List<DrillSeries.GatePoint>> byGate = new LinkedHashMap<>();
    for (DrillSeries.GatePoint p : series.gates()) {
      byGate.computeIfAbsent(p.gate(), g -> new ArrayList<>()).add(p);
    }
    List<SvgChart> charts = new ArrayList<>();
    byGate.forEach((gate, points) -> charts.add(gate(gate, points)));
    return charts;
  }

  private SvgChart gate(String gate, List<DrillSeries.GatePoint> points) {
    boolean rate = gate.endsWith("_RATE");
    double top = rate ? 1 : Ticks.ceil(max(points) * 1.15);
    SvgChart chart =
        new SvgChart(gate + (rate ? "" : " (ms)"), GATE_HEIGHT, xMax, 0, top, Ticks::format);
    List<SvgChart.Point> newValues = new ArrayList<>();
    List<SvgChart.Point> oldValues = new ArrayList<>();
    for (DrillSeries.GatePoint p : points) {
      newValues.add(new SvgChart.Point(seconds(p.atMs()), p.newValue()));
      oldValues.add(new SvgChart.Point(seconds(p.atMs()), p.oldValue()));
    }
    double limit = points.get(points.size() - 1).limit();
    chart.horizontal(limit, "limit", "limit " + Ticks.format(limit));
    chart.line(oldValues, "old");
    chart.line(newValues, "new");
    for (DrillSeries.GatePoint p : points) {
      if ("FAIL".equals(p.verdict()) && p.newValue() != null) {
        chart.cross(seconds(p.atMs()), p.newValue(), "fail", failText(p));
      }
    }
    markers(chart, false);
    return chart;
  }

  private void markers(SvgChart chart, boolean labelEvents) {
    for (DrillSeries.Marker m : series.markers()) {
      if (m.kind() == DrillSeries.Kind.EVENT && m.label().equals(EVALUATION)) {
        continue; // every evaluation is on the gates' charts already; the table lists them
      }
      String css = cssClass(m.kind());
      boolean labelled = labelEvents || m.kind() != DrillSeries.Kind.EVENT;
      chart.vertical(
          seconds(m.atMs()),
          css,
          labelled ? m.label() : null,
          m.label() + (m.detail() == null || m.detail().isEmpty() ? "" : " " + m.detail()));
    }
  }

  /** Each kind of marker's look (the page's stylesheet). */
  static String cssClass(DrillSeries.Kind kind) {
    return switch (kind) {
      case DEGRADED -> "degraded";
      case ROLLBACK, FAILOVER -> "rollback";
      case RECOVERED, FAILBACK -> "recovered";
      case EVENT -> "event";
    };
  }

  private static String failText(DrillSeries.GatePoint p) {
    return String.format(
        Locale.ROOT,
        "FAIL %s: new %s (%d samples) vs old %s (%d samples), limit %s",
        p.gate(),
        value(p.newValue()),
        p.newSamples(),
        value(p.oldValue()),
        p.oldSamples(),
        Ticks.format(p.limit()));
  }

  private static String value(Double v) {
    return v == null ? "-" : String.format(Locale.ROOT, "%.3f", v);
  }

  private static double max(List<DrillSeries.GatePoint> points) {
    double max = 0;
    for (DrillSeries.GatePoint p : points) {
      max = Math.max(max, p.limit());
      if (p.newValue() != null) {
        max = Math.max(max, p.newValue());
      }
      if (p.oldValue() != null) {
        max = Math.max(max, p.oldValue());
      }
    }
    return max;
  }
}
