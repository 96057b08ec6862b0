package io.channelshift.starter.dev;

import com.fasterxml.jackson.databind.JsonNode;
import io.channelshift.client.InvalidWebhookException;
import io.channelshift.client.WebhookEvent;
import io.channelshift.client.WebhookVerifier;
import io.channelshift.config.WebhookProperties;
import io.channelshift.starter.web.ApiProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * A stand-in for the platform's fulfilment endpoint in {@code dev} and {@code demo}. It does what
 * docs/api.md ("Java client") asks of a platform, with the Java client's {@link WebhookVerifier}:
 * checks each webhook's signature and timestamp, keeps one record per event id, and lists them.
 */
@RestController
@ConditionalOnProperty(name = "channelshift.dev-receiver.enabled", havingValue = "true")
class DevWebhookReceiver {

  private final WebhookVerifier verifier;
  private final Map<String, JsonNode> byEventId = new ConcurrentHashMap<>();
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

  DevWebhookReceiver(WebhookProperties webhook) {
    this.verifier = new WebhookVerifier(webhook.secret());
  }

  @PostMapping("/dev/webhooks")
  ResponseEntity<String> receive(
      @RequestHeader Map<String, String> headers, @RequestBody String body) {
    WebhookEvent event;
    try {
      event = verifier.verify(headers, body);
    } catch (InvalidWebhookException e) {
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Webhook rejected", e.getMessage());
    }
    byEventId.putIfAbsent(event.eventId(), event.body());
    deliveries.merge(event.eventId(), 1, Integer::sum);
    return ResponseEntity.ok("ok");
  }

  /** Every distinct event received, with how many times it was delivered. */
  @GetMapping("/dev/webhooks")
  List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    byEventId.forEach(
        (id, event) ->
            out.add(Map.of("eventId", id, "deliveries", deliveries.get(id), "event", event)));
    return out;
  }
}
