package io.channelshift.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.channelshift.payment.Money;
import io.channelshift.payment.PaymentStatus;

/** A payment row as the store holds it. */
public record StoredPayment(
    String orderId,
    String userId,
    long amountMinor,
    String currency,
    String channel,
    long routingVersion,
    PaymentStatus status,
    String statusReason,
    String tradeNo,
    long paidAmountMinor,
    long refundedAmountMinor,
    String createdAt,
    String paidAt,
    String updatedAt) {

  /** The order's amount as money; not a component, so not part of any JSON of the row. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }
}
