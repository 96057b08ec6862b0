package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The provider's answer on a refund: PROCESSED, PENDING, FAILED, CANCELED (never seen there) or
 * UNKNOWN (query before retrying).
 *
 * @param providerRefundNo the provider's own number of the refund, when it gave one
 * @param outRefundNo the number the refund was sent under (our {@code provider_refund_no}), by
 *     which the provider's refund notices name it; null in answers recorded before refund numbers
 *     were per payment (it was the refund id)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundResult(
    ProviderOutcome outcome, String providerRefundNo, String failure, String outRefundNo) {

  /** An answer that names no refund number (the call gave up, or our own refusal). */
  public RefundResult(ProviderOutcome outcome, String providerRefundNo, String failure) {
    this(outcome, providerRefundNo, failure, null);
  }
}
