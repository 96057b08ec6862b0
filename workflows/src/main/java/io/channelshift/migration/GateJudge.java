package io.channelshift.migration;

import io.channelshift.migration.GateVerdict.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a measurement into a verdict per gate. Too few samples on the new channel is INCONCLUSIVE,
 * never a pass or a fail; too few on the old channel leaves only the absolute limit to judge by
 * (say, at 100% on the new one).
 */
public final class GateJudge {

  private GateJudge() {}

  public static List<GateVerdict> judge(Gates gates, GateMeasurement m) {
    List<GateVerdict> verdicts = new ArrayList<>();
    for (Gate gate : Gate.values()) {
      verdicts.add(
          judge(gate, gates.rule(gate), m.newChannel().get(gate), m.oldChannel().get(gate)));
    }
    return verdicts;
  }

  static GateVerdict judge(Gate gate, GateRule rule, ChannelSample fresh, ChannelSample old) {
    ChannelSample n = fresh != null ? fresh : new ChannelSample(null, 0);
    ChannelSample o = old != null ? old : new ChannelSample(null, 0);
    if (n.value() == null || n.samples() < rule.minSamples()) {
      return new GateVerdict(
          gate,
          Verdict.INCONCLUSIVE,
          n,
          o,
          rule,
          "new channel has " + n.samples() + " of the " + rule.minSamples() + " samples needed");
    }
    double value = n.value();
    boolean beyondLimit = gate.higherIsBetter() ? value < rule.limit() : value > rule.limit();
    if (beyondLimit) {
      return new GateVerdict(
          gate,
          Verdict.FAIL,
          n,
          o,
          rule,
          String.format(
              Locale.ROOT,
              "new channel %s %s the %s %s%s",
              fmt(value),
              gate.higherIsBetter() ? "is below" : "is above",
              gate.higherIsBetter() ? "floor" : "ceiling",
              fmt(rule.limit()),
              o.value() == null ? "" : "; old channel " + fmt(o.value())));
    }
    if (o.value() == null || o.samples() < rule.minSamples()) {
      return new GateVerdict(
          gate,
          Verdict.PASS,
          n,
          o,
          rule,
          String.format(
              Locale.ROOT,
              "new channel %s within the limit %s; old channel has too few samples (%d) to compare",
              fmt(value),
              fmt(rule.limit()),
              o.samples()));
    }
    double worseBy = gate.higherIsBetter() ? o.value() - value : value - o.value();
    if (worseBy > rule.maxDifference()) {
      return new GateVerdict(
          gate,
          Verdict.FAIL,
          n,
          o,
          rule,
          String.format(
              Locale.ROOT,
              "new channel %s is %s worse than the old channel's %s (at most %s allowed)",
              fmt(value),
              fmt(worseBy),
              fmt(o.value()),
              fmt(rule.maxDifference())));
    }
    return new GateVerdict(
        gate,
        Verdict.PASS,
        n,
        o,
        rule,
        String.format(Locale.ROOT, "new channel %s, old channel %s", fmt(value), fmt(o.value())));
  }

  private static String fmt(double v) {
    return v == Math.rint(v) && Math.abs(v) >= 1
        ? String.format(Locale.ROOT, "%.0f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }
}
