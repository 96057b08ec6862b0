package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Who asks, and why (required for a rollback). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EngineerRequest(String by, String reason) {

  public String who() {
    return by == null || by.isBlank() ? "unknown" : by;
  }
}
