package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** A channel's state and its latest changes, newest first, as its workflow answers a query. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelLifecycleView(ChannelStatus status, List<ChannelHistoryEntry> recent) {

  public ChannelLifecycleView {
    recent = recent == null ? List.of() : List.copyOf(recent);
  }
}
