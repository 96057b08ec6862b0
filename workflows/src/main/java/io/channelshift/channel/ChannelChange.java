package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * An engineer's request to change a channel's state, as the channel's workflow gets it.
 *
 * @param channel the channel's configured name
 * @param action drain, retire or activate
 * @param reason why, in the engineer's words (required)
 * @param by who asked: the API key's principal, with the person it names
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelChange(String channel, LifecycleAction action, String reason, String by) {

  public ChannelChange {
    if (channel == null || channel.isBlank()) {
      throw new IllegalArgumentException("channel is required");
    }
    if (action == null) {
      throw new IllegalArgumentException("action is required");
    }
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a reason is required");
    }
    if (by == null || by.isBlank()) {
      throw new IllegalArgumentException("who asks is required");
    }
  }
}
