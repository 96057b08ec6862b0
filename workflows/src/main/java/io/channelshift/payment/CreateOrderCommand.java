package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Create the order at the payment's channel and record it. Idempotent on {@code orderId}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateOrderCommand(
    String orderId,
    String userId,
    long amountMinor,
    String currency,
    String productType,
    String subject,
    String clientIp,
    String channel,
    long routingVersion,
    long expiresAtEpochMs) {

  /** The same order on another route. */
  public CreateOrderCommand withRoute(String newChannel, long newRoutingVersion) {
    return new CreateOrderCommand(
        orderId,
        userId,
        amountMinor,
        currency,
        productType,
        subject,
        clientIp,
        newChannel,
        newRoutingVersion,
        expiresAtEpochMs);
  }
}
