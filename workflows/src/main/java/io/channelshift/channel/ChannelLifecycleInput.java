package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * Where a channel's workflow starts, or continues as new: its state as the store holds it and the
 * latest changes it recorded (at most {@link ChannelLifecycleWorkflowImpl#HISTORY_KEPT}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelLifecycleInput(ChannelStatus status, List<ChannelHistoryEntry> recent) {

  public ChannelLifecycleInput {
    if (status == null) {
      throw new IllegalArgumentException("status is required");
    }
    recent = recent == null ? List.of() : List.copyOf(recent);
  }
}
