package io.channelshift.app.demo.html;

import io.channelshift.app.demo.DrillSeries;
import io.channelshift.app.demo.OutageSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outage drill as one chart: the drill's payments created each second on each channel as step
 * lines, with legacy down, the failover table, legacy back and the failback table as markers.
 */
public final class OutageChart {

  static final int HEIGHT = 260;

  private final OutageSeries series;
  private final double xMax;

  public OutageChart(OutageSeries series) {
    this.series = series;
    this.xMax = Math.max(1, Math.ceil(seconds(series.endedAtMs()) + 1));
  }

  double seconds(long atMs) {
    return (atMs - series.startedAtMs()) / 1000.0;
  }

  public SvgChart chart() {
    Map<String, Map<Long, Long>> byChannel = new TreeMap<>();
    long top = 1;
    for (OutageSeries.ChannelSecond c : series.createdPerSecond()) {
      byChannel.computeIfAbsent(c.channel(), k -> new TreeMap<>()).put(c.atMs(), c.payments());
      top = Math.max(top, c.payments());
    }
    SvgChart chart =
        new SvgChart(
            "drill payments created per second, by channel",
            HEIGHT,
            xMax,
            0,
            Ticks.ceil(top * 1.15),
            Ticks::format);
    long firstSecond = series.startedAtMs() - Math.floorMod(series.startedAtMs(), 1000L);
    byChannel.forEach(
        (channel, counts) -> {
          // every second of the drill, 0 where the channel created nothing
          List<SvgChart.Point> points = new ArrayList<>();
          for (long at = firstSecond; at < series.endedAtMs(); at += 1_000) {
            points.add(new SvgChart.Point(seconds(at), (double) counts.getOrDefault(at, 0L)));
          }
          chart.stepLine(points, seconds(series.endedAtMs()), "channel " + cssClass(channel));
        });
    for (DrillSeries.Marker m : series.markers()) {
      chart.vertical(
          seconds(m.atMs()),
          MigrationCharts.cssClass(m.kind()),
          m.label(),
          m.label() + (m.detail().isEmpty() ? "" : " " + m.detail()));
    }
    return chart;
  }

  /** legacy grey and nova blue, as on the migration's charts; any other channel green. */
  private static String cssClass(String channel) {
    return switch (channel) {
      case "legacy" -> "old";
      case "nova" -> "new";
      default -> "other";
    };
  }
}
