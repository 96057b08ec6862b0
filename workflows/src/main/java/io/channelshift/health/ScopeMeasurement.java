package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.channelshift.migration.ChannelSample;
import io.channelshift.migration.Gate;
import java.util.Map;

/** Every channel's samples, gate by gate, over one window. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScopeMeasurement(
    long windowStartMs, long windowEndMs, Map<String, Map<Gate, ChannelSample>> channels) {

  public ScopeMeasurement {
    channels = channels == null ? Map.of() : channels;
  }
}
