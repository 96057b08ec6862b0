package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An engineer request as one update: which action, who asks, why. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineerAction(Action action, String by, String reason) {

  public enum Action {
    PAUSE,
    RESUME,
    PROMOTE,
    PROMOTE_FULL,
    ROLLBACK,
    APPROVE
  }

  public EngineerRequest request() {
    return new EngineerRequest(by, reason);
  }
}
