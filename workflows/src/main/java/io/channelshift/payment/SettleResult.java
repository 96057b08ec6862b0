package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What a settlement by hand came to: what the provider said, and the payment after it.
 *
 * @param outcome what was done, on the provider's answer
 * @param status the payment's status after it
 * @param providerState what the provider said of the order; null when it did not answer, or was not
 *     asked
 * @param detail one line for the operator
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SettleResult(
    Outcome outcome, PaymentStatus status, ProviderOrderState.State providerState, String detail) {

  public enum Outcome {
    /** The provider says paid: the payment is PAID now, and its fulfilment follows. */
    SETTLED,
    /**
     * The provider says paid, but not the order's money or merchant: held as an ANOMALY, not
     * fulfilled.
     */
    HELD_FOR_REVIEW,
    /**
     * The provider says paid for an order already closed here: the money goes back by an automatic
     * refund, as for any payment after close.
     */
    REFUNDING_PAID_AFTER_CLOSE,
    /** The provider says the order is not paid: nothing changed. */
    NOT_PAID,
    /** The provider did not answer: nothing changed; ask again. */
    NO_ANSWER,
    /**
     * The payment was settled meanwhile (a callback, its own query, another request by hand):
     * nothing to settle, nothing asked.
     */
    NOTHING_TO_SETTLE
  }
}
