package io.channelshift.payment;

/** A refund's progress at the provider. */
public enum RefundStatus {
  REQUESTED,
  PROCESSING,
  SUCCEEDED,
  FAILED
}
