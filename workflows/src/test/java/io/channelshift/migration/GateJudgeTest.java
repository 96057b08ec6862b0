package io.channelshift.migration;

import static org.assertj.core.api.Assertions.assertThat;

import io.channelshift.migration.GateVerdict.Verdict;
import org.junit.jupiter.api.Test;

/**
 * Each gate is judged against an absolute limit and against the old channel, and never on too few
 * samples.
 */
class GateJudgeTest {

  private static final GateRule RATE = new GateRule(0.9, 0.02, 20);
  private static final GateRule LATENCY = new GateRule(2000, 300, 20);

  @Test
  void tooFewSamplesOnTheNewChannelIsInconclusive_evenWhenTheValueLooksTerrible() {
    GateVerdict v =
        GateJudge.judge(
            Gate.CREATE_SUCCESS_RATE,
            RATE,
            new ChannelSample(0.0, 19),
            new ChannelSample(0.99, 1000));

    assertThat(v.verdict()).isEqualTo(Verdict.INCONCLUSIVE);
    assertThat(v.reason()).contains("19 of the 20");
  }

  @Test
  void belowTheFloorFails() {
    GateVerdict v =
        GateJudge.judge(
            Gate.CREATE_SUCCESS_RATE,
            RATE,
            new ChannelSample(0.85, 50),
            new ChannelSample(0.86, 1000));

    assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(v.reason()).contains("0.8500", "floor 0.9000", "old channel 0.8600");
  }

  @Test
  void aDropAgainstTheOldChannelInTheSameWindowFails_evenAboveTheFloor() {
    GateVerdict v =
        GateJudge.judge(
            Gate.CREATE_SUCCESS_RATE,
            RATE,
            new ChannelSample(0.95, 50),
            new ChannelSample(0.99, 1000));

    assertThat(v.verdict()).isEqualTo(Verdict.FAIL);
    assertThat(v.reason()).contains("worse than the old channel's 0.9900");
  }

  @Test
  void latencyIsBetterLower() {
    assertThat(
            GateJudge.judge(
                    Gate.CREATE_LATENCY_P95_MS,
                    LATENCY,
                    new ChannelSample(400.0, 50),
                    new ChannelSample(300.0, 500))
                .verdict())
        .isEqualTo(Verdict.PASS);
    assertThat(
            GateJudge.judge(
                    Gate.CREATE_LATENCY_P95_MS,
                    LATENCY,
                    new ChannelSample(700.0, 50),
                    new ChannelSample(300.0, 500))
                .verdict())
        .isEqualTo(Verdict.FAIL);
    assertThat(
            GateJudge.judge(
                    Gate.CREATE_LATENCY_P95_MS,
                    LATENCY,
                    new ChannelSample(2500.0, 50),
                    new ChannelSample(2400.0, 500))
                .verdict())
        .isEqualTo(Verdict.FAIL);
  }

  @Test
  void withoutEnoughOldSamplesOnlyTheAbsoluteLimitJudges() {
    GateVerdict v =
        GateJudge.judge(
            Gate.CREATE_SUCCESS_RATE,
            RATE,
            new ChannelSample(0.95, 50),
            new ChannelSample(0.99, 3));

    assertThat(v.verdict()).isEqualTo(Verdict.PASS);
    assertThat(v.reason()).contains("too few samples (3)");
  }
}
