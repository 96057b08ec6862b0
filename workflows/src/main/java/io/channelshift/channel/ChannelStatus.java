package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A channel's state and the change that put it there.
 *
 * @param reason why it was changed; null for a channel nobody has changed (ACTIVE)
 * @param changedBy who asked; null likewise
 * @param changedAtEpochMs when; 0 likewise
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelStatus(
    String channel, ChannelState state, String reason, String changedBy, long changedAtEpochMs) {

  public ChannelStatus {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("channel is required");
    }
    state = state == null ? ChannelState.ACTIVE : state;
  }

  /** A channel nobody has changed: ACTIVE. */
  public static ChannelStatus untouched(String channel) {
    return new ChannelStatus(channel, ChannelState.ACTIVE, null, null, 0);
  }
}
