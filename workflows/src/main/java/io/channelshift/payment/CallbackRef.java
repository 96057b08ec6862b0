package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A provider notification as the payment names it when it asks the inbox whether an adapter
 * verified it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CallbackRef(String channel, String orderId, String notifyId) {

  public CallbackRef {
    Require.text("channel", channel);
    Require.text("orderId", orderId);
    Require.text("notifyId", notifyId);
  }
}
