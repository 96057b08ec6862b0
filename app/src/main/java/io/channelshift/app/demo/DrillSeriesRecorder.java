package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns the migration statuses a drill polls into a {@link DrillSeries}. Called from the drill's
 * own polling loop (never from the load's threads), so it needs no locking; bounded so that a drill
 * that hangs until its deadline cannot grow it without end.
 */
public final class DrillSeriesRecorder {

  /** Three minutes of polls every 250 ms is 720; this leaves room and still bounds memory. */
  static final int MAX_WEIGHT_POINTS = 2_000;

  static final int MAX_GATE_POINTS = 10_000;
  static final int MAX_MARKERS = 500;

  private final long startedAtMs;
  private final List<DrillSeries.WeightPoint> weight = new ArrayList<>();
  private final List<DrillSeries.GatePoint> gates = new ArrayList<>();
  private final List<DrillSeries.Marker> drillMarkers = new ArrayList<>();
  private final Set<DrillSeries.Marker> timeline = new LinkedHashSet<>();
  private long lastEvaluatedAtMs = -1;
  private long lastEvaluations = -1;
  private long lastSeenAtMs;
  private boolean truncated;

  public DrillSeriesRecorder(long startedAtMs) {
    this.startedAtMs = startedAtMs;
    this.lastSeenAtMs = startedAtMs;
    weight.add(new DrillSeries.WeightPoint(startedAtMs, 0));
  }

  /** One status of {@code GET /api/migrations/{id}}, as polled at {@code nowMs}. */
  public void observe(JsonNode status, long nowMs) {
    lastSeenAtMs = Math.max(lastSeenAtMs, nowMs);
    if (status.path("phase").isMissingNode()) {
      return; // not started yet, or an error body
    }
    int bps = status.path("weightBps").asInt();
    DrillSeries.WeightPoint last = weight.get(weight.size() - 1);
    if (last.weightBps() != bps) {
      add(
          weight,
          new DrillSeries.WeightPoint(changedAt(status, last.atMs(), nowMs), bps),
          MAX_WEIGHT_POINTS);
    }
    long evaluations = status.path("evaluations").asLong();
    long evaluatedAt = status.path("lastEvaluatedAtMs").asLong();
    if (evaluations > 0
        && (evaluations != lastEvaluations || evaluatedAt != lastEvaluatedAtMs)
        && status.path("lastVerdicts").size() > 0) {
      lastEvaluations = evaluations;
      lastEvaluatedAtMs = evaluatedAt;
      long at = evaluatedAt > 0 ? evaluatedAt : nowMs;
      for (JsonNode v : status.path("lastVerdicts")) {
        add(gates, gatePoint(at, v), MAX_GATE_POINTS);
      }
    }
    for (JsonNode e : status.path("timeline")) {
      if (timeline.size() >= MAX_MARKERS) {
        truncated = true;
        break;
      }
      timeline.add(
          new DrillSeries.Marker(
              e.path("atMs").asLong(),
              DrillSeries.Kind.EVENT,
              e.path("event").asText(),
              eventDetail(e)));
    }
  }

  /** A moment of the drill's own: the degradation, the rollback's routing table. */
  public void mark(long atMs, DrillSeries.Kind kind, String label, String detail) {
    drillMarkers.add(new DrillSeries.Marker(atMs, kind, label, detail));
  }

  public DrillSeries series() {
    List<DrillSeries.Marker> markers = new ArrayList<>(drillMarkers);
    markers.addAll(timeline);
    markers.sort((a, b) -> Long.compare(a.atMs(), b.atMs()));
    long ended = lastSeenAtMs;
    for (DrillSeries.Marker m : markers) {
      ended = Math.max(ended, m.atMs());
    }
    return new DrillSeries(startedAtMs, ended, weight, gates, markers, truncated);
  }

  /**
   * When the weight changed: the newest WEIGHT entry of the status's timeline (written when the
   * routing table was), since a poll sees the change up to a poll (or a slow query) later; the
   * poll's time when the timeline has no such entry after the previous point.
   */
  private static long changedAt(JsonNode status, long previousAtMs, long nowMs) {
    long at = 0;
    for (JsonNode e : status.path("timeline")) {
      if ("WEIGHT".equals(e.path("event").asText())) {
        at = Math.max(at, e.path("atMs").asLong());
      }
    }
    return at > previousAtMs && at <= nowMs ? at : nowMs;
  }

  private <T> void add(List<T> list, T item, int max) {
    if (list.size() < max) {
      list.add(item);
    } else {
      truncated = true;
    }
  }

  private static DrillSeries.GatePoint gatePoint(long at, JsonNode v) {
    return new DrillSeries.GatePoint(
        at,
        v.path("gate").asText(),
        value(v.path("newChannel")),
        v.path("newChannel").path("samples").asLong(),
        value(v.path("oldChannel")),
        v.path("oldChannel").path("samples").asLong(),
        v.path("rule").path("limit").asDouble(),
        v.path("verdict").asText());
  }

  private static Double value(JsonNode sample) {
    JsonNode value = sample.path("value");
    return value.isNumber() ? value.asDouble() : null;
  }

  /** "by workflow: automatic: 3 failing ..." — who asked, and why. */
  private static String eventDetail(JsonNode e) {
    String by = e.path("by").asText("");
    String detail = e.path("detail").asText("");
    return (by.isEmpty() ? "" : "by " + by) + (detail.isEmpty() ? "" : ": " + detail);
  }
}
