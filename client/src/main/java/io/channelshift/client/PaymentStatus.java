package io.channelshift.client;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;

/**
 * A payment's state (docs/architecture.md, "A payment"). {@link #UNKNOWN} stands for a state added
 * to the server after this client was built, so that an older client still reads the payment.
 */
public enum PaymentStatus {
  CREATED,
  AWAITING_PAYMENT,
  PAID,
  FULFILLED,
  CLOSED,
  REJECTED,
  FAILED,
  REFUNDING,
  PARTIALLY_REFUNDED,
  REFUNDED,
  ANOMALY,
  @JsonEnumDefaultValue
  UNKNOWN;

  /** Whether money was received and not all of it given back, so that a refund may be asked for. */
  public boolean refundable() {
    return this == PAID || this == FULFILLED || this == PARTIALLY_REFUNDED;
  }
}
