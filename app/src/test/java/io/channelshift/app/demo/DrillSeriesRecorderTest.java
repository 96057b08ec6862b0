package io.channelshift.app.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The recorder turns polled statuses into a series: changes only, each evaluation once. */
class DrillSeriesRecorderTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long T0 = 1_000_000;

  private final DrillSeriesRecorder recorder = new DrillSeriesRecorder(T0);

  @Test
  void theWeightKeepsItsChangesOnly() {
    recorder.observe(status(1000, 0, 0, ""), T0 + 100);
    recorder.observe(status(1000, 0, 0, ""), T0 + 400);
    recorder.observe(status(2500, 0, 0, ""), T0 + 700);
    recorder.observe(status(0, 0, 0, ""), T0 + 1000);

    assertThat(recorder.series().weight())
        .extracting(DrillSeries.WeightPoint::atMs, DrillSeries.WeightPoint::weightBps)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(T0, 0),
            org.assertj.core.groups.Tuple.tuple(T0 + 100, 1000),
            org.assertj.core.groups.Tuple.tuple(T0 + 700, 2500),
            org.assertj.core.groups.Tuple.tuple(T0 + 1000, 0));
  }

  @Test
  void aWeightChangeIsPlacedWhenTheMigrationWroteItNotWhenAPollSawIt() {
    String weightAt =
        """
        ,"timeline":[{"atMs":%d,"event":"WEIGHT","by":"workflow","detail":"nova 0 → 1000 bps"},
                     {"atMs":%d,"event":"GATES","by":"workflow","detail":""}]""";
    recorder.observe(status(1000, 0, 0, "", weightAt.formatted(T0 + 600, T0 + 650)), T0 + 900);
    // a WEIGHT entry from before the previous point, or from the future, is not believed
    recorder.observe(status(2500, 0, 0, "", weightAt.formatted(T0 + 600, T0 + 650)), T0 + 1200);
    recorder.observe(status(5000, 0, 0, "", weightAt.formatted(T0 + 9_999, T0 + 650)), T0 + 1500);

    assertThat(recorder.series().weight())
        .extracting(DrillSeries.WeightPoint::atMs)
        .containsExactly(T0, T0 + 600, T0 + 1200, T0 + 1500);
  }

  @Test
  void eachEvaluationIsRecordedOnceAtItsOwnTimeWhateverHowOftenItIsPolled() {
    String verdicts =
        """
        [{"gate":"CREATE_SUCCESS_RATE","verdict":"FAIL","newChannel":{"value":0.5,"samples":8},
          "oldChannel":{"value":1.0,"samples":9},"rule":{"limit":0.9},"reason":"below"},
         {"gate":"CALLBACK_DELAY_P95_MS","verdict":"INCONCLUSIVE","newChannel":{"value":null,"samples":0},
          "oldChannel":{"value":800,"samples":9},"rule":{"limit":5000},"reason":"too few"}]""";
    recorder.observe(status(5000, 4, T0 + 900, verdicts), T0 + 1000);
    recorder.observe(status(5000, 4, T0 + 900, verdicts), T0 + 1250);
    recorder.observe(status(5000, 5, T0 + 1900, verdicts), T0 + 2000);

    DrillSeries series = recorder.series();
    assertThat(series.gates()).hasSize(4);
    DrillSeries.GatePoint first = series.gates().get(0);
    assertThat(first)
        .isEqualTo(
            new DrillSeries.GatePoint(
                T0 + 900, "CREATE_SUCCESS_RATE", 0.5, 8, 1.0, 9, 0.9, "FAIL"));
    assertThat(series.gates().get(1).newValue()).isNull();
    assertThat(series.gates().get(3).atMs()).isEqualTo(T0 + 1900);
  }

  @Test
  void timelineEventsAreMarkedOnceAndTheDrillsOwnMarkersSortedAmongThem() {
    String timeline =
        """
        ,"timeline":[{"atMs":%d,"event":"STARTED","by":"drill","detail":""},
                     {"atMs":%d,"event":"PAUSED","by":"eve","detail":"<script>x</script>"}]"""
            .formatted(T0 + 200, T0 + 900);
    recorder.observe(status(1000, 0, 0, "", timeline), T0 + 300);
    recorder.observe(status(1000, 0, 0, "", timeline), T0 + 1000);
    recorder.mark(T0 + 500, DrillSeries.Kind.DEGRADED, "nova degraded", "at 1000 bps");

    assertThat(recorder.series().markers())
        .extracting(DrillSeries.Marker::label, DrillSeries.Marker::detail)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("STARTED", "by drill"),
            org.assertj.core.groups.Tuple.tuple("nova degraded", "at 1000 bps"),
            org.assertj.core.groups.Tuple.tuple("PAUSED", "by eve: <script>x</script>"));
  }

  @Test
  void anErrorBodyIsNotAStatus() {
    recorder.observe(json("{\"title\":\"Not Found\",\"status\":404}"), T0 + 100);

    assertThat(recorder.series().weight()).hasSize(1);
    assertThat(recorder.series().endedAtMs()).isEqualTo(T0 + 100);
  }

  @Test
  void aDrillThatNeverEndsCannotGrowTheSeriesWithoutBound() {
    for (int i = 0; i < DrillSeriesRecorder.MAX_WEIGHT_POINTS + 50; i++) {
      recorder.observe(status(i % 2 == 0 ? 1000 : 2500, 0, 0, ""), T0 + i);
    }

    assertThat(recorder.series().weight()).hasSize(DrillSeriesRecorder.MAX_WEIGHT_POINTS);
    assertThat(recorder.series().truncated()).isTrue();
  }

  private static JsonNode status(int bps, long evaluations, long evaluatedAt, String verdicts) {
    return status(bps, evaluations, evaluatedAt, verdicts, "");
  }

  private static JsonNode status(
      int bps, long evaluations, long evaluatedAt, String verdicts, String more) {
    return json(
        """
        {"phase":"RAMPING","weightBps":%d,"evaluations":%d,"lastEvaluatedAtMs":%d,
         "lastVerdicts":%s%s}"""
            .formatted(bps, evaluations, evaluatedAt, verdicts.isEmpty() ? "[]" : verdicts, more));
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
