package io.channelshift.activities.fulfilment;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.client.WebhookSignature;
import io.channelshift.http.BlockingHttp;
import io.channelshift.payment.FulfilmentCommand;
import io.channelshift.payment.RefundWebhook;
import io.channelshift.privacy.Masking;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Delivers one signed webhook to the platform (fulfilment, refund settled), signed as {@link
 * WebhookSignature} says (platforms check it with the Java client's {@link
 * io.channelshift.client.WebhookVerifier}). A non-2xx answer or a transport error throws, and the
 * activity's retry policy tries again until the fulfilment deadline; the event id lets the platform
 * drop repeats.
 */
public class WebhookSender {

  private final WebhookSettings settings;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final BlockingHttp http;
  private final MeterRegistry meters;

  public WebhookSender(WebhookSettings settings, Clock clock, MeterRegistry meters) {
    this.settings = settings;
    this.clock = clock;
    this.meters = meters;
    this.http = new BlockingHttp(settings.timeout(), settings.timeout());
  }

  public void send(FulfilmentCommand c) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", c.eventId());
    event.put("type", "payment.paid");
    event.put("orderId", c.orderId());
    event.put(
        "userId",
        Masking.mask(c.userId())); // a user id may be a phone number: the platform has its order
    event.put("productType", c.productType());
    event.put("amountMinor", c.amountMinor());
    event.put("currency", c.currency());
    event.put("channel", c.channel());
    event.put("tradeNo", c.tradeNo());
    event.put("paidAt", c.paidAt());
    send(c.eventId(), event);
  }

  /** {@code refund.succeeded} / {@code refund.failed}: a refund has settled at the provider. */
  public void send(RefundWebhook r) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("eventId", r.eventId());
    event.put("type", r.type());
    event.put("orderId", r.orderId());
    event.put("userId", Masking.mask(r.userId()));
    event.put("refundId", r.refundId());
    event.put("amountMinor", r.amountMinor());
    event.put("currency", r.currency());
    event.put("channel", r.channel());
    event.put(
        "automatic",
        r.automatic()); // money for an order already closed, returned without being asked
    event.put("failure", r.failure());
    event.put("refundedTotalMinor", r.refundedTotalMinor());
    event.put("paymentStatus", r.paymentStatus().name());
    send(r.eventId(), event);
  }

  /**
   * Delivers any event (its {@code eventId} and {@code type} inside) with the same signature
   * scheme.
   */
  public void send(String eventId, Map<String, Object> event) {
    try {
      String body = json.writeValueAsString(event);
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      String nonce = UUID.randomUUID().toString();
      BlockingHttp.Response response =
          http.exchange(
              "POST",
              settings.url(),
              Map.of(
                  "Content-Type",
                  "application/json",
                  WebhookSignature.EVENT_ID_HEADER,
                  eventId,
                  WebhookSignature.TIMESTAMP_HEADER,
                  timestamp,
                  WebhookSignature.NONCE_HEADER,
                  nonce,
                  WebhookSignature.SIGNATURE_HEADER,
                  WebhookSignature.sign(settings.secret(), timestamp, nonce, body)),
              body);
      if (response.status() / 100 != 2) {
        count(event, "refused");
        throw new WebhookRejectedException(
            "platform answered HTTP " + response.status() + " to " + eventId);
      }
      count(event, "acknowledged");
    } catch (IOException e) {
      count(event, "unreachable");
      throw new WebhookRejectedException(
          "webhook " + eventId + " not delivered: " + e.getClass().getSimpleName());
    }
  }

  /** {@code channelshift.webhook.deliveries}: each attempt, by event type and what became of it. */
  private void count(Map<String, Object> event, String outcome) {
    meters
        .counter(
            "channelshift.webhook.deliveries",
            "type",
            String.valueOf(event.get("type")),
            "outcome",
            outcome)
        .increment();
  }
}
