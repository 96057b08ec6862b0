package io.channelshift.provider.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.http.BlockingHttp;
import io.channelshift.http.HmacSignature;
import io.channelshift.payment.CreateFailure;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.payment.ProviderOrderState.State;
import io.channelshift.payment.ProviderOutcome;
import io.channelshift.provider.CallbackAcknowledgement;
import io.channelshift.provider.CallbackRejectedException;
import io.channelshift.provider.CallbackRejectedException.Kind;
import io.channelshift.provider.NonceGuard;
import io.channelshift.provider.PaymentProvider;
import io.channelshift.provider.ProviderCreateResult;
import io.channelshift.provider.ProviderErrorType;
import io.channelshift.provider.ProviderException;
import io.channelshift.provider.ProviderOrder;
import io.channelshift.provider.ProviderOrderStatus;
import io.channelshift.provider.ProviderRefund;
import io.channelshift.provider.ProviderRefundNotice;
import io.channelshift.provider.ProviderRefundResult;
import io.channelshift.provider.RefundAnswers;
import io.channelshift.provider.StatementReader;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The sandbox protocol over HTTP (documented in sandbox/README.md).
 *
 * <p>Longer than most classes here on purpose: it is the whole SPI for one provider, one method per
 * gateway operation, each with its request, its signature and its answer mapping side by side, as
 * the real adapters are.
 */
public final class SandboxProvider implements PaymentProvider {

  static final long CALLBACK_WINDOW_SECONDS = 300;

  /** The {@code type} of a refund notice; payment callbacks carry none. */
  private static final String REFUND_NOTICE = "REFUND";

  /**
   * The sandbox's answer (403) when its merchant may take no orders (the fault {@code
   * merchantRestricted}, like a frozen merchant account): the channel cannot take the order.
   */
  static final String MERCHANT_RESTRICTED = "MERCHANT_RESTRICTED";

  private final SandboxChannelSettings settings;
  private final NonceGuard nonces;
  private final Clock clock;
  private final BlockingHttp http;
  private final ObjectMapper json = new ObjectMapper();

  public SandboxProvider(SandboxChannelSettings settings, NonceGuard nonces, Clock clock) {
    this.settings = settings;
    this.nonces = nonces;
    this.clock = clock;
    this.http = new BlockingHttp(settings.connectTimeout(), settings.requestTimeout());
  }

  @Override
  public String channel() {
    return settings.channel();
  }

  @Override
  public String merchantId() {
    return settings.merchantId();
  }

  @Override
  public ProviderCreateResult create(ProviderOrder order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outTradeNo", order.orderId());
    body.put("amountMinor", order.amountMinor());
    body.put("currency", order.currency());
    body.put("subject", order.subject());
    body.put("notifyUrl", settings.notifyUrl());
    body.put("expiresAtEpochMs", order.expiresAtEpochMs());
    Reply reply;
    try {
      reply = call("POST", "/v1/orders", write(body));
    } catch (ProviderException e) {
      // May have reached the provider: query first. A sandbox answering something unreadable is
      // as good as down.
      return e.type() == ProviderErrorType.TRANSPORT
          ? ProviderCreateResult.noAnswer(e, e.getMessage())
          : ProviderCreateResult.unknown(CreateFailure.UNAVAILABLE, e.getMessage());
    }
    if (reply.status() == 200) {
      return new ProviderCreateResult(
          ProviderOutcome.PROCESSED,
          reply.body().path("payUrl").asText(),
          reply.body().path("tradeNo").asText(),
          null);
    }
    if (reply.status() >= 500) {
      return ProviderCreateResult.unknown(
          CreateFailure.UNAVAILABLE, "provider answered " + reply.status());
    }
    if (MERCHANT_RESTRICTED.equals(reply.code())) {
      return ProviderCreateResult.channelRefused(
          CreateFailure.RESTRICTED, reply.code() + ": " + reply.message());
    }
    return ProviderCreateResult.failed(reply.code() + ": " + reply.message());
  }

  @Override
  public ProviderOrderStatus query(String orderId) {
    Reply reply = callOrThrow("GET", "/v1/orders/" + encode(orderId), "");
    if (reply.status() == 404) {
      return ProviderOrderStatus.notFound();
    }
    requireOk(reply);
    return toStatus(reply.body());
  }

  @Override
  public ProviderOrderStatus close(String orderId) {
    Reply reply = callOrThrow("POST", "/v1/orders/" + encode(orderId) + "/close", "");
    if (reply.status() == 409 && "ORDER_PAID".equals(reply.code())) {
      return query(orderId);
    }
    if (reply.status() == 404) {
      return ProviderOrderStatus.notFound();
    }
    requireOk(reply);
    return toStatus(reply.body());
  }

  @Override
  public ProviderRefundResult refund(ProviderRefund refund) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("outTradeNo", refund.orderId());
    body.put("outRefundNo", refund.outRefundNo());
    body.put("amountMinor", refund.amountMinor());
    body.put("reason", refund.reason());
    body.put("notifyUrl", PaymentProvider.refundNotifyUrl(settings.notifyUrl()));
    Reply reply;
    try {
      reply = call("POST", "/v1/refunds", write(body));
    } catch (ProviderException e) {
      return new ProviderRefundResult(ProviderOutcome.UNKNOWN, null, e.getMessage());
    }
    if (reply.status() >= 500) {
      return new ProviderRefundResult(
          ProviderOutcome.UNKNOWN, null, "provider answered " + reply.status());
    }
    if (reply.status() != 200) {
      return new ProviderRefundResult(
          ProviderOutcome.FAILED, null, reply.code() + ": " + reply.message());
    }
    return toRefundResult(refund, reply.body());
  }

  @Override
  public ProviderRefundResult queryRefund(ProviderRefund refund) {
    Reply reply = callOrThrow("GET", "/v1/refunds/" + encode(refund.outRefundNo()), "");
    if (reply.status() == 404) {
      return new ProviderRefundResult(
          ProviderOutcome.CANCELED, null, "provider has no refund " + refund.outRefundNo());
    }
    requireOk(reply);
    return toRefundResult(refund, reply.body());
  }

  @Override
  public ProviderCallback verifyCallback(Map<String, String> headers, String body) {
    JsonNode node = verified(headers, body);
    if (REFUND_NOTICE.equals(node.path("type").asText())) {
      throw signed(Kind.MALFORMED, "a refund notice, not a payment callback", headers);
    }
    try {
      return new ProviderCallback(
          node.path("notifyId").asText(null),
          node.path("merchantId").asText(),
          node.path("outTradeNo").asText(null),
          node.path("tradeNo").asText(null),
          node.path("status").asText(null),
          node.path("amountMinor").asLong(),
          node.path("currency").asText(null),
          node.path("paidAt").asText(null));
    } catch (IllegalArgumentException e) {
      throw signed(Kind.MALFORMED, "malformed callback: " + e.getMessage(), headers);
    }
  }

  @Override
  public ProviderRefundNotice verifyRefundNotice(Map<String, String> headers, String body) {
    JsonNode node = verified(headers, body);
    if (!REFUND_NOTICE.equals(node.path("type").asText())) {
      throw signed(Kind.MALFORMED, "not a refund notice", headers);
    }
    try {
      return new ProviderRefundNotice(
          node.path("notifyId").asText(null),
          node.path("outTradeNo").asText(null),
          node.path("outRefundNo").asText(null),
          node.path("status").asText(null));
    } catch (IllegalArgumentException e) {
      throw signed(Kind.MALFORMED, "malformed refund notice: " + e.getMessage(), headers);
    }
  }

  /**
   * What every notification must pass before it is read: signature, timestamp window, our merchant,
   * a new nonce.
   */
  private JsonNode verified(Map<String, String> headers, String body) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    String timestamp = h.get(SandboxHeaders.TIMESTAMP);
    String nonce = h.get(SandboxHeaders.NONCE);
    String signature = h.get(SandboxHeaders.SIGNATURE);
    if (timestamp == null || nonce == null || signature == null) {
      throw CallbackRejectedException.unauthenticated(Kind.UNSIGNED, "missing signature headers");
    }
    if (!HmacSignature.verify(settings.merchantSecret(), timestamp, nonce, body, signature)) {
      throw CallbackRejectedException.unauthenticated(
          Kind.BAD_SIGNATURE, "signature does not verify");
    }
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new CallbackRejectedException(
          Kind.MALFORMED, "timestamp is not epoch seconds", signature);
    }
    if (Math.abs(clock.instant().getEpochSecond() - sentAt) > CALLBACK_WINDOW_SECONDS) {
      throw new CallbackRejectedException(
          Kind.STALE, "timestamp outside the " + CALLBACK_WINDOW_SECONDS + " s window", signature);
    }
    JsonNode node = parse(body, signature);
    if (!settings.merchantId().equals(node.path("merchantId").asText(null))) {
      throw new CallbackRejectedException(Kind.FOREIGN, "merchantId is not ours", signature);
    }
    if (!nonces.firstSeen(settings.channel(), nonce)) {
      throw CallbackRejectedException.unauthenticated(
          Kind.REPLAYED, "nonce already seen: replayed callback");
    }
    return node;
  }

  @Override
  public CallbackAcknowledgement callbackAcknowledgement() {
    return CallbackAcknowledgement.plainText("success");
  }

  /** Pages of the sandbox's statement endpoint, fetched as they are asked for. */
  @Override
  public StatementReader openStatement(LocalDate day, long afterLine) {
    return new SandboxStatementReader(day, afterLine, this::statementPage);
  }

  /** The CSV text (header first) of one page of the day's statement. */
  private String statementPage(LocalDate day, long after, int limit) {
    Reply reply =
        callRaw("GET", "/v1/statements/" + day + "?after=" + after + "&limit=" + limit, "");
    if (reply.status() != 200) {
      throw new ProviderException(
          reply.status() >= 500
              ? ProviderErrorType.PROVIDER_UNAVAILABLE
              : ProviderErrorType.REFUSED,
          "statement for " + day + ": HTTP " + reply.status(),
          null);
    }
    return reply.raw();
  }

  private ProviderOrderStatus toStatus(JsonNode order) {
    State state =
        switch (order.path("status").asText()) {
          case "SUCCESS" -> State.PAID;
          case "CLOSED" -> State.CLOSED;
          default -> State.NOT_PAID; // NOTPAY, PAYERROR: the user may still pay
        };
    return new ProviderOrderStatus(
        state,
        order.path("tradeNo").asText(null),
        settings.merchantId(),
        order.path("paidAmountMinor").asLong(),
        order.path("currency").asText(null),
        order.path("paidAt").asText(null));
  }

  /**
   * The sandbox's refund, believed only for the order and amount asked (both are in every answer).
   */
  private static ProviderRefundResult toRefundResult(ProviderRefund asked, JsonNode refund) {
    ProviderOutcome outcome =
        "SUCCESS".equals(refund.path("status").asText())
            ? ProviderOutcome.PROCESSED
            : ProviderOutcome.PENDING;
    JsonNode amount = refund.path("amountMinor");
    return RefundAnswers.believed(
        asked,
        outcome,
        refund.path("refundNo").asText(null),
        refund.path("outTradeNo").asText(null),
        amount.canConvertToLong() ? amount.asLong() : null);
  }

  private Reply callOrThrow(String method, String path, String body) {
    Reply reply = call(method, path, body);
    if (reply.status() >= 500) {
      throw new ProviderException(
          ProviderErrorType.PROVIDER_UNAVAILABLE,
          method + " " + path + ": provider answered " + reply.status(),
          null);
    }
    return reply;
  }

  private void requireOk(Reply reply) {
    if (reply.status() == 401) {
      throw new ProviderException(
          ProviderErrorType.AUTHENTICATION,
          "provider " + settings.channel() + " refused our signature: " + reply.code(),
          null);
    }
    if (reply.status() != 200) {
      throw new ProviderException(
          ProviderErrorType.REFUSED, reply.code() + ": " + reply.message(), null);
    }
  }

  /**
   * A call whose answer is JSON. A 200 that is not a JSON object is no answer at all (a proxy's
   * page, a cut connection): it throws, so a create or refund becomes UNKNOWN and a query is
   * retried. Error bodies that are not JSON only lose their code.
   */
  private Reply call(String method, String path, String body) {
    Reply raw = callRaw(method, path, body);
    JsonNode node = parseOrNull(raw.raw());
    if (raw.status() == 200 && (node == null || !node.isObject())) {
      throw new ProviderException(
          ProviderErrorType.PROVIDER_UNAVAILABLE,
          method + " " + path + " on " + settings.channel() + ": the answer is not a JSON object",
          null);
    }
    return new Reply(raw.status(), node == null ? json.createObjectNode() : node, raw.raw());
  }

  private Reply callRaw(String method, String path, String body) {
    String timestamp = Long.toString(clock.instant().getEpochSecond());
    String nonce = UUID.randomUUID().toString();
    Map<String, String> headers =
        Map.of(
            "Content-Type",
            "application/json",
            SandboxHeaders.MERCHANT,
            settings.merchantId(),
            SandboxHeaders.TIMESTAMP,
            timestamp,
            SandboxHeaders.NONCE,
            nonce,
            SandboxHeaders.SIGNATURE,
            HmacSignature.sign(settings.merchantSecret(), timestamp, nonce, body));
    try {
      BlockingHttp.Response response =
          http.exchange(method, settings.baseUrl() + path, headers, body.isEmpty() ? null : body);
      return new Reply(response.status(), null, response.body());
    } catch (IOException e) {
      throw new ProviderException(
          ProviderErrorType.TRANSPORT,
          method + " " + path + " on " + settings.channel() + ": " + e.getClass().getSimpleName(),
          e);
    }
  }

  private String write(Object body) {
    try {
      return json.writeValueAsString(body);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The body of a notification whose signature verified: what is wrong with it now is the channel's
   * doing.
   */
  private JsonNode parse(String body, String signature) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new CallbackRejectedException(
            Kind.MALFORMED, "callback body is not a JSON object", signature);
      }
      return node;
    } catch (IOException e) {
      throw new CallbackRejectedException(Kind.MALFORMED, "callback body is not JSON", signature);
    }
  }

  /** A refusal of a notification {@link #verified} already believed to come from the channel. */
  private static CallbackRejectedException signed(
      Kind kind, String message, Map<String, String> headers) {
    Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    return new CallbackRejectedException(kind, message, h.get(SandboxHeaders.SIGNATURE));
  }

  private JsonNode parseOrNull(String body) {
    if (body.isBlank()) {
      return null;
    }
    try {
      return json.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static String encode(String id) {
    return URLEncoder.encode(id, StandardCharsets.UTF_8);
  }

  private record Reply(int status, JsonNode body, String raw) {
    String code() {
      return body == null ? "" : body.path("code").asText("");
    }

    String message() {
      return body == null ? "" : body.path("message").asText("");
    }
  }
}
