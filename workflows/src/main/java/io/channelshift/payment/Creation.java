package io.channelshift.payment;

/**
 * What came of creating the order at the provider: the order exists (the caller gets its pay URL),
 * or it does not.
 */
sealed interface Creation {

  /** The order exists at the provider; the user pays at {@code payUrl}. */
  record Created(String payUrl, String merchantId) implements Creation {}

  /**
   * No order exists, and nothing was paid: the provider refused it, never answered, or we could not
   * ask.
   */
  record NotCreated(String reason) implements Creation {}
}
