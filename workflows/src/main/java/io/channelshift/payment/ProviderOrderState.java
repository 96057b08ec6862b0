package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The order as the provider reports it.
 *
 * @param state NOT_FOUND, NOT_PAID, PAID or CLOSED
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderOrderState(
    State state,
    String tradeNo,
    String merchantId,
    long paidAmountMinor,
    String currency,
    String paidAt) {

  public enum State {
    NOT_FOUND,
    NOT_PAID,
    PAID,
    CLOSED
  }
}
