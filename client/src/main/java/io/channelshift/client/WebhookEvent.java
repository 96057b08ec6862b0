package io.channelshift.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A verified webhook. {@code eventId} is the same on every delivery of one event: keep the ids you
 * have acted on and drop repeats (a delivery is retried until you answer 2xx, so repeats are
 * normal). {@code type} is {@code payment.paid} (fulfil the order: {@link #paymentPaid()}), {@code
 * refund.succeeded} or {@code refund.failed} (a refund settled: {@link #refundSettled()}) or {@code
 * migration.*} (a channel migration changed phase); {@code body} is the whole event.
 */
public record WebhookEvent(String eventId, String type, JsonNode body) {

  public static final String PAYMENT_PAID = "payment.paid";
  public static final String REFUND_SUCCEEDED = "refund.succeeded";
  public static final String REFUND_FAILED = "refund.failed";

  /** The paid order to fulfil, when this is a {@code payment.paid} event. */
  public Optional<PaymentPaid> paymentPaid() {
    if (!PAYMENT_PAID.equals(type)) {
      return Optional.empty();
    }
    return Optional.of(
        new PaymentPaid(
            body.path("orderId").asText(),
            text("userId"),
            text("productType"),
            body.path("amountMinor").asLong(),
            body.path("currency").asText(),
            text("channel"),
            text("tradeNo"),
            text("paidAt")));
  }

  /**
   * The refund that settled, when this is a {@code refund.succeeded} or {@code refund.failed}
   * event.
   */
  public Optional<RefundSettled> refundSettled() {
    if (!REFUND_SUCCEEDED.equals(type) && !REFUND_FAILED.equals(type)) {
      return Optional.empty();
    }
    return Optional.of(
        new RefundSettled(
            body.path("orderId").asText(),
            body.path("refundId").asText(),
            REFUND_SUCCEEDED.equals(type),
            body.path("amountMinor").asLong(),
            body.path("currency").asText(),
            body.path("automatic").asBoolean(),
            text("failure"),
            body.path("refundedTotalMinor").asLong(),
            text("paymentStatus")));
  }

  private String text(String field) {
    JsonNode value = body.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  /**
   * A refund that has settled at the provider: {@code succeeded}, or failed with the provider's
   * {@code failure}. {@code automatic} refunds were not asked for: money came for an order that was
   * already closed and went back. {@code refundedTotalMinor} is everything refunded of the payment
   * so far; {@code paymentStatus} where it stands.
   */
  public record RefundSettled(
      String orderId,
      String refundId,
      boolean succeeded,
      long amountMinor,
      String currency,
      boolean automatic,
      String failure,
      long refundedTotalMinor,
      String paymentStatus) {}

  /**
   * A payment to fulfil. The user id comes masked (it may be a phone number; the platform has its
   * own order); {@code paidAt} is the provider's payment time as the provider gave it.
   */
  public record PaymentPaid(
      String orderId,
      String maskedUserId,
      String productType,
      long amountMinor,
      String currency,
      String channel,
      String tradeNo,
      String paidAt) {}
}
