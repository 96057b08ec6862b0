package io.channelshift.health;

import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import io.channelshift.migration.GateJudge;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.GateVerdict;
import io.channelshift.migration.GateVerdict.Verdict;
import io.channelshift.migration.Gates;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every channel of a scope judged by the migrations' {@link GateJudge}: each against its reference
 * in the same window (the primary against the first other channel, every other channel against the
 * primary), so the absolute limits always apply and a comparison where both have samples. Pure.
 */
final class HealthJudgement {

  private HealthJudgement() {}

  /** {@code channels} lists the primary first; at least two channels. */
  static Map<String, List<GateVerdict>> judge(
      List<String> channels, ScopeMeasurement m, Gates gates) {
    Map<String, List<GateVerdict>> verdicts = new LinkedHashMap<>();
    for (String channel : channels) {
      String reference = channel.equals(channels.get(0)) ? channels.get(1) : channels.get(0);
      verdicts.put(
          channel,
          GateJudge.judge(
              gates,
              new GateMeasurement(
                  m.windowStartMs(),
                  m.windowEndMs(),
                  samples(m, channel),
                  samples(m, reference),
                  0)));
    }
    return verdicts;
  }

  private static Map<Gate, ChannelSample> samples(ScopeMeasurement m, String channel) {
    return m.channels().getOrDefault(channel, Map.of());
  }

  static List<GateVerdict> failing(List<GateVerdict> verdicts) {
    return verdicts == null
        ? List.of()
        : verdicts.stream().filter(v -> v.verdict() == Verdict.FAIL).toList();
  }

  static boolean anyPass(List<GateVerdict> verdicts) {
    return verdicts != null && verdicts.stream().anyMatch(v -> v.verdict() == Verdict.PASS);
  }

  static String describe(List<GateVerdict> verdicts) {
    return verdicts.stream()
        .map(v -> v.gate().field() + " " + v.verdict() + " (" + v.reason() + ")")
        .collect(Collectors.joining("; "));
  }

  /** The gates' names, for a routing table's reason and a metric-free summary. */
  static String names(List<GateVerdict> verdicts) {
    return verdicts.stream().map(v -> v.gate().field()).collect(Collectors.joining(", "));
  }
}
