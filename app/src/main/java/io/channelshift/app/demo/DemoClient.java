package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.http.BlockingHttp;
import io.channelshift.payment.EventIds;
import io.channelshift.starter.migrations.MigrationGateway;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Plays the platform (REST API) and the paying user (sandbox cashier actions) over HTTP. */
public final class DemoClient {

  private final EmbeddedStack stack;
  private final BlockingHttp http = new BlockingHttp(Duration.ofSeconds(3), Duration.ofSeconds(30));
  private final ObjectMapper json = new ObjectMapper();

  public DemoClient(EmbeddedStack stack) {
    this.stack = stack;
  }

  /** An HTTP answer: the status and the body as JSON (an empty object when it was not JSON). */
  public record Reply(int status, JsonNode body) {
    public String text(String field) {
      return body.path(field).asText("");
    }
  }

  public Reply createPayment(String orderId, String userId, long amountMinor) {
    return createPaymentOfType(orderId, userId, amountMinor, "game_card");
  }

  public Reply createPaymentOfType(
      String orderId, String userId, long amountMinor, String productType) {
    return createPayment(orderId, userId, amountMinor, productType, "Game card " + orderId);
  }

  public Reply createPayment(
      String orderId, String userId, long amountMinor, String productType, String subject) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", orderId);
    body.put("userId", userId);
    body.put("amountMinor", amountMinor);
    body.put("currency", "CNY");
    body.put("productType", productType);
    body.put("subject", subject);
    body.put("clientIp", "203.0.113.7");
    return post(stack.apiBaseUrl() + "/api/payments", body, Map.of());
  }

  public Reply payment(String orderId) {
    return send("GET", stack.apiBaseUrl() + "/api/payments/" + orderId, Map.of(), null);
  }

  public Reply refund(String orderId, String refundId, long amountMinor) {
    return refund(orderId, refundId, amountMinor, "demo");
  }

  public Reply refund(String orderId, String refundId, long amountMinor, String reason) {
    return post(
        stack.apiBaseUrl() + "/api/payments/" + orderId + "/refunds",
        Map.of("refundId", refundId, "amountMinor", amountMinor, "reason", reason),
        Map.of());
  }

  /** The platform closes an unpaid payment (its user cancelled the order). */
  public Reply close(String orderId, String reason) {
    return post(
        stack.apiBaseUrl() + "/api/payments/" + orderId + "/close",
        Map.of("reason", reason),
        Map.of());
  }

  /** Waits until the payment reaches one of the statuses; returns the last view either way. */
  public Reply awaitStatus(String orderId, Set<String> statuses, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Reply last = payment(orderId);
    while (!statuses.contains(last.text("status")) && System.nanoTime() < deadline) {
      sleep(100);
      last = payment(orderId);
    }
    return last;
  }

  /**
   * The paying user presses Pay (or the admin API does it with options: amountMinor, force,
   * deliverCallback).
   */
  public Reply pay(String orderId, Map<String, Object> options) {
    return payOn(EmbeddedStack.LEGACY, orderId, options);
  }

  /** The paying user pays at the cashier of the order's channel. */
  public Reply payOn(String channel, String orderId, Map<String, Object> options) {
    return post(
        stack.sandbox(channel).baseUrl() + "/admin/orders/" + orderId + "/pay", options, Map.of());
  }

  /** The order as the sandbox provider holds it. */
  public Reply providerOrder(String orderId) {
    return send(
        "GET",
        stack.sandbox(EmbeddedStack.LEGACY).baseUrl() + "/admin/orders/" + orderId,
        Map.of(),
        null);
  }

  /** The provider sends the callback of a paid order again (same notifyId). */
  public Reply renotify(String orderId) {
    return post(
        stack.sandbox(EmbeddedStack.LEGACY).baseUrl() + "/admin/orders/" + orderId + "/renotify",
        Map.of(),
        Map.of());
  }

  /** A callback that claims the order was paid, signed with a key that is not the merchant's. */
  public Reply forgedCallback(String orderId, long amountMinor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifyId", "FORGED-" + orderId);
    body.put("merchantId", "M-LEGACY-001");
    body.put("outTradeNo", orderId);
    body.put("tradeNo", "FAKE0001");
    body.put("status", "SUCCESS");
    body.put("amountMinor", amountMinor);
    body.put("currency", "CNY");
    body.put("paidAt", "2026-01-01T00:00:00Z");
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    return post(
        stack.apiBaseUrl() + "/notify/legacy",
        body,
        Map.of(
            "X-Sandbox-Timestamp",
            timestamp,
            "X-Sandbox-Nonce",
            "forged-nonce-" + orderId,
            "X-Sandbox-Signature",
            "c2lnbmVkLWJ5LXNvbWVvbmUtZWxzZQ=="));
  }

  /** How many times the built-in platform receiver got the fulfilment event of an order. */
  public int webhookDeliveries(String orderId) {
    return receivedWebhook(EventIds.fulfilment(orderId))
        .map(n -> n.path("deliveries").asInt())
        .orElse(0);
  }

  /**
   * The event the built-in platform receiver got under this event id, once it has come (refund
   * webhooks are sent after the refund settles, without the payment waiting), or empty when it has
   * not within the timeout.
   */
  public Optional<JsonNode> awaitWebhook(String eventId, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Optional<JsonNode> received = receivedWebhook(eventId);
    while (received.isEmpty() && System.nanoTime() < deadline) {
      sleep(100);
      received = receivedWebhook(eventId);
    }
    return received.map(n -> n.path("event"));
  }

  private Optional<JsonNode> receivedWebhook(String eventId) {
    Reply reply = send("GET", stack.apiBaseUrl() + "/dev/webhooks", Map.of(), null);
    for (JsonNode n : reply.body()) {
      if (n.path("eventId").asText().equals(eventId)) {
        return Optional.of(n);
      }
    }
    return Optional.empty();
  }

  /** Starts a migration from a plan (JSON text) as the given engineer. */
  public Reply startMigration(String planJson, String by) {
    return send(
        "POST",
        stack.apiBaseUrl() + "/api/migrations",
        Map.of("Content-Type", "application/json", MigrationGateway.USER_HEADER, by),
        planJson);
  }

  public Reply migration(String migrationId) {
    return send("GET", stack.apiBaseUrl() + "/api/migrations/" + migrationId, Map.of(), null);
  }

  /** pause, resume, promote, promote-full, rollback or approve, with an optional reason. */
  public Reply migrationAction(String migrationId, String action, String reason, String by) {
    Map<String, Object> body = reason == null ? Map.of() : Map.of("reason", reason);
    return post(
        stack.apiBaseUrl() + "/api/migrations/" + migrationId + "/" + action,
        body,
        Map.of(MigrationGateway.USER_HEADER, by));
  }

  /**
   * Gives the channel's sandbox a generated statement of {@code lines} payments for the day
   * (benchmarks).
   */
  public Reply seedSyntheticDay(String channel, String date, long lines) {
    return post(
        stack.sandbox(channel).baseUrl() + "/admin/statements/" + date + "/synthetic",
        Map.of("lines", lines),
        Map.of());
  }

  /** Reconciles a channel's day now (as an engineer). */
  public Reply reconcile(String channel, String date) {
    return post(
        stack.apiBaseUrl() + "/api/reconciliations",
        Map.of("channel", channel, "date", date),
        Map.of());
  }

  /** A day's reconciliation report and progress (as ops). */
  public Reply reconciliation(String channel, String date) {
    return send(
        "GET",
        stack.apiBaseUrl() + "/api/reconciliations?channel=" + channel + "&date=" + date,
        Map.of(),
        null);
  }

  /** Waits until the day's run has completed and answers its report. */
  public Reply awaitReconciliation(String channel, String date, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Reply last = reconciliation(channel, date);
    while (System.nanoTime() < deadline) {
      last = reconciliation(channel, date);
      if (last.status() == 200
          && "completed".equals(last.body().path("progress").path("phase").asText())) {
        return last;
      }
      sleep(250);
    }
    throw new IllegalStateException(
        "reconciliation of "
            + channel
            + " for "
            + date
            + " did not complete within "
            + timeout
            + "; last answer "
            + last);
  }

  /** Per channel costs of the days from..to (as ops). */
  public Reply costs(String from, String to) {
    return send(
        "GET",
        stack.apiBaseUrl() + "/api/channels/costs?from=" + from + "&to=" + to,
        Map.of(),
        null);
  }

  /** A scope's channel health: mode, primary, failover, hold, verdicts, timeline (as ops). */
  public Reply scopeHealth(String scope) {
    return send("GET", stack.apiBaseUrl() + "/api/scopes/" + scope + "/health", Map.of(), null);
  }

  /**
   * Holds the scope's automatic failover, asking again until its health workflow says it is held:
   * right after the stack starts, that workflow may still be starting (or its first answer late on
   * a loaded machine), and a hold that did not take lets it fail the scope over under the demo.
   */
  public void holdScope(String scope, String reason, String by) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    Reply last;
    do {
      last = scopeAction(scope, "hold", reason, null, by);
      if (last.status() / 100 == 2 || held(scope)) {
        return;
      }
      Thread.sleep(500);
    } while (System.nanoTime() < deadline);
    throw new IllegalStateException(
        "could not hold scope " + scope + ": " + last.status() + " " + last.body());
  }

  private boolean held(String scope) {
    Reply health = scopeHealth(scope);
    return health.status() == 200
        && !health.body().path("hold").isMissingNode()
        && !health.body().path("hold").isNull();
  }

  /** failover, failback, hold or release a scope, as an engineer; {@code target} for a failover. */
  public Reply scopeAction(String scope, String action, String reason, String target, String by) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", reason);
    if (target != null) {
      body.put("target", target);
    }
    return post(
        stack.apiBaseUrl() + "/api/scopes/" + scope + "/" + action,
        body,
        Map.of(MigrationGateway.USER_HEADER, by));
  }

  /** Every channel: state, traffic per scope, health, what is open (as ops). */
  public Reply channels() {
    return send("GET", stack.apiBaseUrl() + "/api/channels", Map.of(), null);
  }

  public Reply routes() {
    return send("GET", stack.apiBaseUrl() + "/api/routes", Map.of(), null);
  }

  /**
   * POSTs to the API ({@code path} from {@code /api/...}) with the given key: a drill acting as ops
   * or an engineer where the URL alone does not say which.
   */
  public Reply postAs(String key, String path, Object body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Authorization", "Bearer " + key);
    return post(stack.apiBaseUrl() + path, body, all);
  }

  private Reply post(String url, Object body, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put("Content-Type", "application/json");
    try {
      return send("POST", url, all, json.writeValueAsString(body));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Reply send(String method, String url, Map<String, String> headers, String body) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    String key = keyFor(method, url);
    if (key != null && !all.containsKey("Authorization")) {
      all.put("Authorization", "Bearer " + key);
    }
    try {
      BlockingHttp.Response r = http.exchange(method, url, all, body);
      JsonNode parsed;
      try {
        parsed = r.body().isBlank() ? json.createObjectNode() : json.readTree(r.body());
      } catch (IOException notJson) {
        parsed = json.createObjectNode().put("text", r.body());
      }
      return new Reply(r.status(), parsed);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Each call with the key its caller would hold: the platform pays, an engineer migrates and
   * reconciles, ops reads routes, reconciliations and costs.
   */
  private static String keyFor(String method, String url) {
    if (url.contains("/api/payments")) {
      return DevKeys.PLATFORM;
    }
    if (url.contains("/api/migrations")
        || (method.equals("POST") && url.contains("/api/reconciliations"))
        || (method.equals("POST") && url.contains("/api/scopes"))) {
      return DevKeys.ENGINEER;
    }
    return url.contains("/api/") ? DevKeys.OPS : null;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
