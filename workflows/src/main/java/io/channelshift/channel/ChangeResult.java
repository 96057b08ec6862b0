package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * What the store made of a change: made, or refused with why. A refusal carries the state the store
 * holds, which the workflow adopts, and for a retire what the channel still holds.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "result")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ChangeResult.Changed.class, name = "changed"),
  @JsonSubTypes.Type(value = ChangeResult.Refused.class, name = "refused")
})
public sealed interface ChangeResult {

  @JsonIgnoreProperties(ignoreUnknown = true)
  record Changed(ChannelStatus status) implements ChangeResult {}

  /**
   * @param open what is still open, when that is why a retire was refused; null otherwise
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record Refused(String why, ChannelStatus current, OpenPayments open) implements ChangeResult {}
}
