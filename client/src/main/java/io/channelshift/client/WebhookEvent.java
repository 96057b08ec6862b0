package io.channelshift.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;

/**
 * A verified webhook. {@code eventId} is the same on every delivery of one event: keep the ids you have acted on
 * and drop repeats (a delivery is retried until you answer 2xx, so repeats are normal). {@code type} is
 * {@code payment.paid} (fulfil the order: {@link #paymentPaid()}) or {@code migration.*} (a channel migration
 * changed phase); {@code body} is the whole event.
 */
public record WebhookEvent(String eventId, String type, JsonNode body) {

  public static final String PAYMENT_PAID = "payment.paid";

  /** The paid order to fulfil, when this is a {@code payment.paid} event. */
  public Optional<PaymentPaid> paymentPaid() {
    if (!PAYMENT_PAID.equals(type)) {
      return Optional.empty();
    }
    return Optional.of(new PaymentPaid(body.path("orderId").asText(), text("userId"), text("productType"),
        body.path("amountMinor").asLong(), body.path("currency").asText(), text("channel"), text("tradeNo"),
        text("paidAt")));
  }

  private String text(String field) {
    JsonNode value = body.path(field);
    return value.isMissingNode() || value.isNull() ? null : value.asText();
  }

  /**
   * A payment to fulfil. The user id comes masked (it may be a phone number; the platform has its own order);
   * {@code paidAt} is the provider's payment time as the provider gave it.
   */
  public record PaymentPaid(String orderId, String maskedUserId, String productType, long amountMinor,
      String currency, String channel, String tradeNo, String paidAt) {}
}
