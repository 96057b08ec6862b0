package io.channelshift.provider;

import io.channelshift.payment.ProviderOrderState;

/** An order's state at the provider, with what was paid when it was. */
public record ProviderOrderStatus(
    ProviderOrderState.State state,
    String tradeNo,
    String merchantId,
    long paidAmountMinor,
    String currency,
    String paidAt) {

  public static ProviderOrderStatus notFound() {
    return new ProviderOrderStatus(ProviderOrderState.State.NOT_FOUND, null, null, 0, null, null);
  }

  public ProviderOrderState toState() {
    return new ProviderOrderState(state, tradeNo, merchantId, paidAmountMinor, currency, paidAt);
  }
}
