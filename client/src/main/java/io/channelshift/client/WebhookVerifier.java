package io.channelshift.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Checks a webhook ChannelShift sent to the platform before the platform acts on it: the signature
 * (with the shared webhook secret, compared in constant time), the timestamp within a window of now
 * (default 300 s, so a recorded webhook cannot be played back later), and the event id in the
 * header matching the body's. Thread-safe.
 *
 * <pre>{@code
 * WebhookVerifier webhooks = new WebhookVerifier(webhookSecret);
 * // in the platform's POST handler:
 * WebhookEvent event = webhooks.verify(headers, body);   // InvalidWebhookException → answer 401
 * if (firstTime(event.eventId())) {
 *   event.paymentPaid().ifPresent(paid -> fulfil(paid.orderId(), paid.amountMinor(), paid.currency()));
 * }
 * // answer 2xx, or ChannelShift sends it again
 * }</pre>
 */
public final class WebhookVerifier {

  public static final Duration DEFAULT_WINDOW = Duration.ofSeconds(300);

  private final String secret;
  private final Duration window;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();

  public WebhookVerifier(String secret) {
    this(secret, DEFAULT_WINDOW, Clock.systemUTC());
  }

  public WebhookVerifier(String secret, Duration window, Clock clock) {
    if (secret == null || secret.isEmpty()) {
      throw new IllegalArgumentException("the webhook secret is required");
    }
    this.secret = secret;
    this.window = Objects.requireNonNull(window, "window");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * As {@link #verify(String, String, String, String, String)}, with the headers by name (any
   * case).
   */
  public WebhookEvent verify(Map<String, String> headers, String body) {
    Map<String, String> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byName.putAll(headers);
    return verify(
        byName.get(WebhookSignature.TIMESTAMP_HEADER),
        byName.get(WebhookSignature.NONCE_HEADER),
        byName.get(WebhookSignature.SIGNATURE_HEADER),
        byName.get(WebhookSignature.EVENT_ID_HEADER),
        body);
  }

  /**
   * Returns the event when the webhook is ChannelShift's and recent; throws {@link
   * InvalidWebhookException} otherwise, saying why (the reason names no secret).
   *
   * @param eventIdHeader {@value WebhookSignature#EVENT_ID_HEADER}; may be null, the body's id is
   *     signed
   */
  public WebhookEvent verify(
      String timestamp, String nonce, String signature, String eventIdHeader, String body) {
    if (timestamp == null || nonce == null || signature == null || body == null) {
      throw new InvalidWebhookException(
          "unsigned: the timestamp, nonce or signature header is missing");
    }
    if (!WebhookSignature.verify(secret, timestamp, nonce, body, signature)) {
      throw new InvalidWebhookException("the signature does not verify");
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new InvalidWebhookException("the timestamp is not epoch seconds");
    }
    long skew = Math.abs(clock.instant().getEpochSecond() - sentAt);
    if (skew > window.toSeconds()) {
      throw new InvalidWebhookException(
          "the timestamp is "
              + skew
              + " s from now, outside the "
              + window.toSeconds()
              + " s window (a replay, or a clock far off)");
    }
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (IOException e) {
      throw new InvalidWebhookException("the body is not JSON");
    }
    String eventId = event == null ? "" : event.path("eventId").asText("");
    if (eventId.isEmpty()) {
      throw new InvalidWebhookException("the event has no eventId");
    }
    if (eventIdHeader != null && !eventIdHeader.equals(eventId)) {
      throw new InvalidWebhookException("the event id header does not match the signed body's");
    }
    return new WebhookEvent(eventId, event.path("type").asText(""), event);
  }
}
