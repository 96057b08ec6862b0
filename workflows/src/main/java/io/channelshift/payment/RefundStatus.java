package io.channelshift.payment;

/** A refund's progress at the provider. */
public enum RefundStatus {
  REQUESTED,
  PROCESSING,
  SUCCEEDED,
  FAILED;

  /** Settled at the provider: nothing more will come of it. */
  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED;
  }
}
