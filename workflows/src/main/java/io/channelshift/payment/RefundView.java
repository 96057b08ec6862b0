package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One refund as the payment workflow knows it. {@code automatic} marks refunds the workflow started
 * itself.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundView(
    String refundId,
    long amountMinor,
    String reason,
    RefundStatus status,
    boolean automatic,
    String failure) {

  RefundView withStatus(RefundStatus newStatus, String newFailure) {
    return new RefundView(refundId, amountMinor, reason, newStatus, automatic, newFailure);
  }
}
