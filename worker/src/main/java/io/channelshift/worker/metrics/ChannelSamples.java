package io.channelshift.worker.metrics;

import io.channelshift.channel.ChannelState;
import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.HealthMode;
import io.channelshift.migration.GateVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Channels as series: each channel's lifecycle state (one-hot), and per scope its health workflow's
 * mode and each channel's verdict (one-hot: the worst of its gates' last verdicts).
 */
public final class ChannelSamples {

  public static final String STATE = "channelshift_channel_state";
  public static final String HEALTH = "channelshift_channel_health";
  public static final String SCOPE_MODE = "channelshift_scope_health_mode";
  public static final String SCOPE_FAILURES = "channelshift_scope_health_consecutive_failures";

  private ChannelSamples() {}

  /**
   * @param configured the channels configured (ACTIVE unless recorded otherwise)
   * @param recorded the states recorded in the store, by channel
   */
  public static List<Sample> states(Set<String> configured, Map<String, String> recorded) {
    Set<String> channels = new TreeSet<>(configured);
    channels.addAll(recorded.keySet());
    List<Sample> out = new ArrayList<>();
    for (String channel : channels) {
      String state = recorded.getOrDefault(channel, ChannelState.ACTIVE.name());
      for (ChannelState s : ChannelState.values()) {
        out.add(
            Sample.gauge(
                STATE,
                Map.of("channel", channel, "state", s.name()),
                s.name().equals(state) ? 1 : 0));
      }
    }
    return out;
  }

  public static List<Sample> health(String scope, ChannelHealthStatus status) {
    List<Sample> out = new ArrayList<>();
    for (HealthMode m : HealthMode.values()) {
      out.add(
          Sample.gauge(
              SCOPE_MODE, Map.of("scope", scope, "mode", m.name()), m == status.mode() ? 1 : 0));
    }
    out.add(Sample.gauge(SCOPE_FAILURES, Map.of("scope", scope), status.consecutiveFailures()));
    status
        .verdicts()
        .forEach(
            (channel, verdicts) -> {
              GateVerdict.Verdict worst = worst(verdicts);
              if (worst == null) {
                return;
              }
              for (GateVerdict.Verdict v : GateVerdict.Verdict.values()) {
                out.add(
                    Sample.gauge(
                        HEALTH,
                        Map.of("scope", scope, "channel", channel, "verdict", v.name()),
                        v == worst ? 1 : 0));
              }
            });
    return out;
  }

  /** FAIL if any gate fails, else INCONCLUSIVE if any is, else PASS; null with no verdict. */
  static GateVerdict.Verdict worst(List<GateVerdict> verdicts) {
    GateVerdict.Verdict worst = null;
    for (GateVerdict v : verdicts == null ? List.<GateVerdict>of() : verdicts) {
      if (v == null || v.verdict() == null) {
        continue;
      }
      if (v.verdict() == GateVerdict.Verdict.FAIL) {
        return GateVerdict.Verdict.FAIL;
      }
      if (worst == null || v.verdict() == GateVerdict.Verdict.INCONCLUSIVE) {
        worst = v.verdict();
      }
    }
    return worst;
  }
}
