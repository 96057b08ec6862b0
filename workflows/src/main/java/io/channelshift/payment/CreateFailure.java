package io.channelshift.payment;

import java.util.Locale;

/**
 * Why a create did not give an order, as the adapter that asked judged it: about this order or user
 * (the payment stays {@code FAILED}), or about the channel, which cannot take orders at the moment
 * (the payment may move to a backup channel). Classified in the adapters, which know their
 * provider's codes; the workflow only reads the kind.
 */
public enum CreateFailure {
  /** The order was created, or the create was not classified (results from before the kind). */
  NONE,
  /** A refusal about this order or its user (bad amount, user blocked, duplicate order...). */
  ORDER,
  /** No answer: the connection failed (refused, reset, unreadable answer). */
  TRANSPORT,
  /** No answer in time, after the create's own retries. */
  TIMEOUT,
  /** The provider answered that it is unavailable (5xx, system busy, rate limited). */
  UNAVAILABLE,
  /** The provider refuses every order of this merchant: frozen, restricted, not signed up. */
  RESTRICTED;

  /** Whether the channel, not this order, is what failed: another channel may take the order. */
  public boolean channelCannotTake() {
    return this == TRANSPORT || this == TIMEOUT || this == UNAVAILABLE || this == RESTRICTED;
  }

  /** The word the failover counter and notes use: transport, timeout, unavailable, restricted. */
  public String reason() {
    return name().toLowerCase(Locale.ROOT);
  }
}
