package io.channelshift.payment;

final class ProviderOrderStateFixtures {

  private ProviderOrderStateFixtures() {}

  static ProviderOrderState notFound() {
    return new ProviderOrderState(ProviderOrderState.State.NOT_FOUND, null, null, 0, null, null);
  }
}
