package io.channelshift.starter.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.config.ChannelShiftProperties;
import io.channelshift.fulfilment.WebhookHeaders;
import io.channelshift.http.HmacSignature;
import io.channelshift.starter.api.ApiProblem;
import java.io.IOException;
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
 * A stand-in for the platform's fulfilment endpoint in {@code dev} and {@code demo}: verifies each webhook's
 * signature, keeps one record per event id (as a platform should), and lists them.
 */
@RestController
@ConditionalOnProperty(name = "channelshift.dev-receiver.enabled", havingValue = "true")
class DevWebhookReceiver {

  private final String secret;
  private final ObjectMapper json;
  private final Map<String, JsonNode> byEventId = new ConcurrentHashMap<>();
  private final Map<String, Integer> deliveries = new ConcurrentHashMap<>();

  DevWebhookReceiver(ChannelShiftProperties props, ObjectMapper json) {
    this.secret = props.getWebhook().getSecret();
    this.json = json;
  }

  @PostMapping("/dev/webhooks")
  ResponseEntity<String> receive(@RequestHeader(WebhookHeaders.TIMESTAMP) String timestamp,
      @RequestHeader(WebhookHeaders.NONCE) String nonce, @RequestHeader(WebhookHeaders.SIGNATURE) String signature,
      @RequestBody String body) throws IOException {
    if (!HmacSignature.verify(secret, timestamp, nonce, body, signature)) {
      throw new ApiProblem(HttpStatus.UNAUTHORIZED, "Webhook rejected", "the signature does not verify");
    }
    JsonNode event;
    try {
      event = json.readTree(body);
    } catch (IOException e) {
      throw new ApiProblem(HttpStatus.BAD_REQUEST, "Invalid body", "the body is not valid JSON");
    }
    String eventId = event.path("eventId").asText();
    byEventId.putIfAbsent(eventId, event);
    deliveries.merge(eventId, 1, Integer::sum);
    return ResponseEntity.ok("ok");
  }

  /** Every distinct event received, with how many times it was delivered. */
  @GetMapping("/dev/webhooks")
  List<Map<String, Object>> list() {
    List<Map<String, Object>> out = new ArrayList<>();
    byEventId.forEach((id, event) -> out.add(Map.of("eventId", id, "deliveries", deliveries.get(id), "event", event)));
    return out;
  }
}
