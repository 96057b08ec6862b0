package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The channel a payment was routed to, and the routing table version in force when that was
 * decided.
 *
 * @param channel the channel name, e.g. {@code legacy}
 * @param tableVersion the routing table version the decision used
 * @param bucket the user's stable bucket in 0..9999
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RouteDecision(String channel, long tableVersion, int bucket) {

  public RouteDecision {
    Require.text("channel", channel);
    if (tableVersion < 1) {
      throw new IllegalArgumentException("tableVersion must be >= 1");
    }
    if (bucket < 0 || bucket > 9999) {
      throw new IllegalArgumentException("bucket must be in 0..9999");
    }
  }
}
