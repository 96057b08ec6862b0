package io.channelshift.channel;

/**
 * Where a channel is in its life (docs/operations.md, "Draining and retiring a channel"). A channel
 * nobody has changed is {@link #ACTIVE}.
 */
public enum ChannelState {
  /** Takes new payments. */
  ACTIVE,
  /**
   * Takes no new payments; every payment it already holds goes on as before: callbacks, active
   * queries, expiry closes, refunds, refund notices and reconciliation.
   */
  DRAINING,
  /** Takes nothing new and holds nothing open: none of its payments is open or in after-sales. */
  RETIRED
}
