package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Money the provider says it received for an order, recorded even when the order will not be
 * fulfilled.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentReceipt(
    String orderId,
    String channel,
    String tradeNo,
    long amountMinor,
    String currency,
    String paidAt,
    PaymentStatus status,
    String reason) {

  /** The money received; not a component, so not part of the payload's JSON. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }
}
