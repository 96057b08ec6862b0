package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The update that hands the caller its pay URL. It repeats the identity of the order so that a
 * second request with the same order id but another amount or user is refused rather than answered.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckoutRequest(String userId, long amountMinor, String currency) {

  public static CheckoutRequest of(PaymentRequest request) {
    return new CheckoutRequest(request.userId(), request.amountMinor(), request.currency());
  }
}
