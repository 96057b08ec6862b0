package io.channelshift.payment;

/**
 * Tells the platform that a refund has settled ({@code refund.succeeded} or {@code refund.failed}),
 * signed like the fulfilment webhook. A refund can take days at the provider, and an automatic one
 * (money that came for an order already closed) is not the platform's doing at all: the platform
 * learns of both without polling.
 *
 * @param eventId the same on every delivery, for the platform to drop repeats: {@code
 *     refund/{orderId}/{refundId}} ({@link EventIds}, unique by construction); {@code
 *     refund-{orderId}-{refundId}} for payments started before {@code PaymentVersions.EVENT_IDS}
 * @param userId the paying user, masked when it is sent
 * @param refundedTotalMinor everything refunded of the payment after this refund
 * @param paymentStatus the payment's status after this refund
 * @param failure the provider's reason when the refund failed, else null
 */
public record RefundWebhook(
    String eventId,
    String orderId,
    String userId,
    String refundId,
    long amountMinor,
    String currency,
    String channel,
    boolean automatic,
    RefundStatus status,
    String failure,
    long refundedTotalMinor,
    PaymentStatus paymentStatus) {

  /** The refund's event id: {@code refund/{orderId}/{refundId}}, see {@link EventIds#refund}. */
  public static String eventId(String orderId, String refundId) {
    return EventIds.refund(orderId, refundId);
  }

  /**
   * The event id of payments started before {@code PaymentVersions.EVENT_IDS}; two refunds could
   * share one.
   */
  static String eventIdBeforeEventIds(String orderId, String refundId) {
    return "refund-" + orderId + "-" + refundId;
  }

  /** {@code refund.succeeded} or {@code refund.failed}. */
  public String type() {
    return status == RefundStatus.SUCCEEDED ? "refund.succeeded" : "refund.failed";
  }
}
