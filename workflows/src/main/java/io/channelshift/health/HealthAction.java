package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An engineer's request to a scope's health workflow: which action, who asks, why, and for a
 * failover an optional target channel (else the first healthy backup).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthAction(Action action, String by, String reason, String target) {

  public enum Action {
    FAILOVER,
    FAILBACK,
    HOLD,
    RELEASE
  }

  public String who() {
    return by == null || by.isBlank() ? "unknown" : by;
  }
}
