package io.channelshift.fees;

/** What becomes of a payment's fee when its money goes back. */
public enum RefundFeePolicy {
  /** The provider keeps the whole fee, whatever is refunded. */
  NOT_RETURNED,
  /** The fee comes back in proportion to the amount refunded; a full refund returns all of it. */
  PROPORTIONAL
}
