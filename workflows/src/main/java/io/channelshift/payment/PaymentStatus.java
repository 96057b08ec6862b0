package io.channelshift.payment;

/**
 * The life of a payment (docs/architecture.md, "Its states"). {@link #terminal()} says whether the
 * payment has reached an end state; a refund can still move FULFILLED on to REFUNDING and from
 * there to a refunded state.
 */
public enum PaymentStatus {
  CREATED(false),
  AWAITING_PAYMENT(false),
  PAID(false),
  FULFILLED(true),
  CLOSED(true),
  REJECTED(true),
  FAILED(true),
  REFUNDING(false),
  PARTIALLY_REFUNDED(true),
  REFUNDED(true),
  ANOMALY(true);

  private final boolean terminal;

  PaymentStatus(boolean terminal) {
    this.terminal = terminal;
  }

  public boolean terminal() {
    return terminal;
  }

  /**
   * Whether money has been received and not all of it given back, so that a refund may be asked
   * for.
   */
  public boolean refundable() {
    return this == PAID || this == FULFILLED || this == PARTIALLY_REFUNDED;
  }
}
