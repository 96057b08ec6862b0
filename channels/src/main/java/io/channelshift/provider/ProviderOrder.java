package io.channelshift.provider;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.channelshift.payment.Money;

/** An order to create at a provider. {@code orderId} is the provider's out trade number. */
public record ProviderOrder(
    String orderId,
    long amountMinor,
    String currency,
    String subject,
    String clientIp,
    long expiresAtEpochMs) {

  /** The order's amount as money; not a component, so not part of any JSON of the order. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }
}
