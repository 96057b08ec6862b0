package io.channelshift.reconciliation;

/** Every kind of difference between a provider's statement and our ledger. */
public enum DiscrepancyKind {
  /** The provider has a payment for an order we do not know, that is on another channel, or a second trade. */
  PROVIDER_PAID_UNKNOWN,
  /** The provider has a payment our ledger has not: we still await it, or closed it. Repaired when safe. */
  PROVIDER_PAID_NOT_PAID,
  /** Our ledger has a payment the provider's statement does not. */
  LEDGER_PAID_MISSING,
  /** Both have the payment, for different amounts or currencies. */
  AMOUNT_MISMATCH,
  /** A refund on one side only, or for different amounts. */
  REFUND_MISMATCH,
  /** The provider charged (or gave back) another fee than the channel's schedule says. */
  FEE_MISMATCH
}
