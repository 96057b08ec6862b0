package io.channelshift.provider;

import io.channelshift.payment.RefundNotice;

/**
 * A provider's notification that one of our refunds has moved, verified by the channel's adapter.
 *
 * @param notifyId the provider's notification id
 * @param orderId our order id (the provider's out-trade number)
 * @param refundId the number the refund was sent under (the provider's out-refund number: the
 *     refund's {@code provider_refund_no}, which the payment maps back to its refund id)
 * @param status what the provider says of the refund, in its own words
 */
public record ProviderRefundNotice(
    String notifyId, String orderId, String refundId, String status) {

  public ProviderRefundNotice {
    if (orderId == null || orderId.isBlank() || refundId == null || refundId.isBlank()) {
      throw new IllegalArgumentException("a refund notice must name its order and refund");
    }
  }

  /**
   * What the payment is told: only that the refund moved (it asks the provider where the refund
   * stands).
   */
  public RefundNotice toSignal() {
    return new RefundNotice(notifyId, refundId, status);
  }
}
