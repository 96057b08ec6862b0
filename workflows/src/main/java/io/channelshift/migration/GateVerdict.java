package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One gate's verdict with the numbers it rests on, kept so that every decision can be explained.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GateVerdict(
    Gate gate,
    Verdict verdict,
    ChannelSample newChannel,
    ChannelSample oldChannel,
    GateRule rule,
    String reason) {

  public enum Verdict {
    PASS,
    FAIL,
    INCONCLUSIVE
  }
}
