package io.channelshift.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A payment provider simulator over HTTP: the merchant API (signed), the cashier pages a paying
 * user sees, and an admin API to inject faults and to act as the paying user. The protocol is
 * documented in sandbox/README.md.
 *
 * <p>Longer than most classes here on purpose: it is the routing table of the simulator's HTTP
 * surface, one short handler per route, and reads best as one list; the orders and their rules live
 * in {@link OrderBook}, the faults in {@link FaultSettings}, the callbacks in {@link
 * CallbackDispatcher}.
 */
public final class SandboxServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SandboxServer.class);

  static {
    // The JDK server writes headers and body separately; without TCP_NODELAY each answer can wait
    // ~40 ms for a delayed ACK. Read once, when the first server in the JVM is made.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
  }

  private static final long TIMESTAMP_WINDOW_SECONDS = 300;
  private static final int MAX_BODY_BYTES = 64 * 1024;
  private static final Pattern ORDER = Pattern.compile("^/v1/orders/([^/]+)$");
  private static final Pattern ORDER_CLOSE = Pattern.compile("^/v1/orders/([^/]+)/close$");
  private static final Pattern REFUND = Pattern.compile("^/v1/refunds/([^/]+)$");
  private static final Pattern STATEMENT =
      Pattern.compile("^/v1/statements/(\\d{4}-\\d{2}-\\d{2})$");
  private static final Pattern CASHIER = Pattern.compile("^/cashier/([^/]+)(/pay|/cancel)?$");
  private static final Pattern ADMIN_ORDER =
      Pattern.compile("^/admin/orders/([^/]+)/(pay|renotify)$");
  private static final Pattern ADMIN_ORDER_VIEW = Pattern.compile("^/admin/orders/([^/]+)$");
  private static final Pattern ADMIN_SYNTHETIC =
      Pattern.compile("^/admin/statements/(\\d{4}-\\d{2}-\\d{2})/synthetic$");
  private static final int MAX_STATEMENT_PAGE = 10_000;
  private static final Pattern CURRENCY = Pattern.compile("^[A-Z]{3}$");

  private final SandboxConfig config;
  private final Clock clock;
  private final ObjectMapper json = new ObjectMapper();
  private final AtomicReference<FaultSettings> faults;
  private final OrderBook book;
  private final CallbackDispatcher callbacks;
  private final Map<String, Long> seenNonces = new ConcurrentHashMap<>();
  private volatile long lastNoncePruneSecond;
  private final Random dice;
  private final HttpServer server;
  private final ExecutorService executor;

  private SandboxServer(SandboxConfig config, Clock clock) throws IOException {
    this.config = config;
    this.clock = clock;
    this.faults = new AtomicReference<>(config.faults());
    this.book =
        new OrderBook(
            config.name().toUpperCase().replaceAll("[^A-Z0-9]", ""),
            clock,
            config.refundDelay().toMillis(),
            config.feeBps());
    this.callbacks =
        new CallbackDispatcher(
            config.merchantId(),
            config.merchantSecret(),
            faults::get,
            config.callbackRetryDelays(),
            clock,
            config.seed());
    this.dice = new Random(config.seed() + 1);
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
    this.executor =
        Executors.newFixedThreadPool(
            16,
            r -> {
              Thread t = new Thread(r, "sandbox-" + config.name());
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  public static SandboxServer start(SandboxConfig config) {
    return start(config, Clock.systemUTC());
  }

  public static SandboxServer start(SandboxConfig config, Clock clock) {
    try {
      SandboxServer sandbox = new SandboxServer(config, clock);
      sandbox.server.start();
      log.info("sandbox provider '{}' listening on {}", config.name(), sandbox.baseUrl());
      return sandbox;
    } catch (IOException e) {
      throw new IllegalStateException(
          "cannot bind sandbox '" + config.name() + "' to port " + config.port(), e);
    }
  }

  public String baseUrl() {
    return "http://" + config.host() + ":" + server.getAddress().getPort();
  }

  public String name() {
    return config.name();
  }

  public FaultSettings faults() {
    return faults.get();
  }

  public void setFaults(FaultSettings newFaults) {
    faults.set(newFaults);
  }

  /**
   * How long refunds accepted from now on stay PROCESSING before they succeed (and their notice
   * goes out).
   */
  public void setRefundDelay(Duration delay) {
    book.refundDelayMs(delay.toMillis());
  }

  /**
   * What payers are out of pocket at this provider, by order number: paid less refunded. A drill
   * compares two channels' books to find a user charged twice for one order.
   */
  public Map<String, Long> keptByOrder() {
    return book.keptByOrder();
  }

  /** Callbacks acknowledged by the merchant with {@code success}. */
  public long callbacksDelivered() {
    return callbacks.deliveredCount();
  }

  @Override
  public void close() {
    server.stop(0);
    callbacks.close();
    executor.shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      try {
        String body = new String(readBody(exchange), StandardCharsets.UTF_8);
        route(exchange, method, path, body);
      } catch (SandboxException e) {
        sendError(exchange, e.httpStatus(), e.code(), e.getMessage());
      } catch (IllegalArgumentException | com.fasterxml.jackson.core.JsonProcessingException e) {
        sendError(exchange, 400, "INVALID_REQUEST", e.getMessage());
      } catch (RuntimeException e) {
        log.error("sandbox '{}' failed on {} {}", config.name(), method, path, e);
        sendError(exchange, 500, "SYSTEM_ERROR", "internal error");
      }
    }
  }

  private void route(HttpExchange exchange, String method, String path, String body)
      throws IOException {
    if (path.equals("/health")) {
      send(exchange, 200, "text/plain", "ok");
    } else if (path.startsWith("/v1/")) {
      merchantApi(exchange, method, path, body);
    } else if (path.startsWith("/cashier/")) {
      cashier(exchange, method, path);
    } else if (path.startsWith("/admin/")) {
      admin(exchange, method, path, body);
    } else {
      throw new SandboxException(404, "NOT_FOUND", "no such endpoint " + path);
    }
  }

  private void merchantApi(HttpExchange exchange, String method, String path, String body)
      throws IOException {
    if (faults.get().outage()) {
      throw new SandboxException(503, "SYSTEM_ERROR", "provider outage (injected)");
    }
    authenticate(exchange, body);
    Matcher m;
    if (method.equals("POST") && path.equals("/v1/orders")) {
      sendJson(exchange, 200, createOrder(json.readTree(body)));
    } else if (method.equals("GET") && (m = ORDER.matcher(path)).matches()) {
      sendJson(exchange, 200, book.get(m.group(1)));
    } else if (method.equals("POST") && (m = ORDER_CLOSE.matcher(path)).matches()) {
      sendJson(exchange, 200, book.close(m.group(1)));
    } else if (method.equals("POST") && path.equals("/v1/refunds")) {
      if (roll(faults.get().refund5xxRate())) {
        throw new SandboxException(
            503, "SYSTEM_ERROR", "refund failed (injected); nothing was refunded");
      }
      JsonNode req = json.readTree(body);
      SandboxRefund refund =
          book.refund(
              text(req, "outTradeNo"),
              text(req, "outRefundNo"),
              positiveAmount(req),
              req.path("reason").asText(""));
      String notifyUrl = req.path("notifyUrl").asText("");
      if (!notifyUrl.isBlank() && SandboxRefund.PROCESSING.equals(refund.status())) {
        callbacks.refundAccepted(refund, notifyUrl);
      }
      sendJson(exchange, 200, refund);
    } else if (method.equals("GET") && (m = REFUND.matcher(path)).matches()) {
      sendJson(exchange, 200, book.getRefund(m.group(1)));
    } else if (method.equals("GET") && (m = STATEMENT.matcher(path)).matches()) {
      Map<String, String> query = query(exchange);
      long after = Long.parseLong(query.getOrDefault("after", "0"));
      int limit =
          Integer.parseInt(query.getOrDefault("limit", Integer.toString(MAX_STATEMENT_PAGE)));
      if (after < 0 || limit < 1 || limit > MAX_STATEMENT_PAGE) {
        throw new IllegalArgumentException(
            "after must be >= 0 and limit between 1 and " + MAX_STATEMENT_PAGE);
      }
      send(
          exchange,
          200,
          "text/csv; charset=utf-8",
          String.join("\n", book.statement(LocalDate.parse(m.group(1)), after, limit)) + "\n");
    } else {
      throw new SandboxException(404, "NOT_FOUND", "no such endpoint " + method + " " + path);
    }
  }

  private SandboxOrder createOrder(JsonNode req) {
    FaultSettings f = faults.get();
    if (f.createLatencyMs() > 0) {
      sleep(f.createLatencyMs());
    }
    if (roll(f.create5xxRate())) {
      throw new SandboxException(503, "SYSTEM_ERROR", "create failed (injected)");
    }
    if (f.merchantRestricted()) {
      throw new SandboxException(
          403, "MERCHANT_RESTRICTED", "the merchant account is restricted (injected)");
    }
    String currency = text(req, "currency");
    if (!CURRENCY.matcher(currency).matches()) {
      throw new IllegalArgumentException("currency must be an ISO 4217 code");
    }
    return book.create(
        text(req, "outTradeNo"),
        positiveAmount(req),
        currency,
        req.path("subject").asText(""),
        req.path("notifyUrl").asText(""),
        baseUrl());
  }

  private void cashier(HttpExchange exchange, String method, String path) throws IOException {
    Matcher m = CASHIER.matcher(path);
    if (!m.matches()) {
      throw new SandboxException(404, "NOT_FOUND", "no such page");
    }
    String outTradeNo = m.group(1);
    String action = m.group(2);
    if (action == null && method.equals("GET")) {
      send(
          exchange,
          200,
          "text/html; charset=utf-8",
          CashierPage.render(config.name(), book.get(outTradeNo)));
      return;
    }
    if (!method.equals("POST") || action == null) {
      throw new SandboxException(405, "METHOD_NOT_ALLOWED", method + " " + path);
    }
    SandboxOrder order =
        action.equals("/pay")
            ? payAsUser(outTradeNo, book.get(outTradeNo).amountMinor(), false, true)
            : book.close(outTradeNo);
    send(exchange, 200, "text/html; charset=utf-8", CashierPage.render(config.name(), order));
  }

  private void admin(HttpExchange exchange, String method, String path, String body)
      throws IOException {
    Matcher m;
    if (path.equals("/admin/faults") && method.equals("GET")) {
      sendJson(exchange, 200, faults.get());
    } else if (path.equals("/admin/faults") && method.equals("POST")) {
      FaultSettings updated = faults.get().with(body);
      faults.set(updated);
      log.info("sandbox '{}' faults now {}", config.name(), updated);
      sendJson(exchange, 200, updated);
    } else if (path.equals("/admin/refund-delay") && method.equals("GET")) {
      sendJson(exchange, 200, Map.of("refundDelayMs", book.refundDelayMs()));
    } else if (path.equals("/admin/refund-delay") && method.equals("POST")) {
      JsonNode req = json.readTree(body.isBlank() ? "{}" : body);
      if (!req.path("refundDelayMs").canConvertToLong()) {
        throw new IllegalArgumentException("refundDelayMs must be a number of milliseconds");
      }
      book.refundDelayMs(req.path("refundDelayMs").asLong());
      sendJson(exchange, 200, Map.of("refundDelayMs", book.refundDelayMs()));
    } else if (path.equals("/admin/stats") && method.equals("GET")) {
      sendJson(
          exchange,
          200,
          Map.of(
              "callbacksDelivered",
              callbacks.deliveredCount(),
              "callbackAttempts",
              callbacks.attemptCount()));
    } else if (method.equals("POST") && (m = ADMIN_SYNTHETIC.matcher(path)).matches()) {
      long lines = json.readTree(body).path("lines").asLong(-1);
      if (lines < 0) {
        throw new IllegalArgumentException("lines must be a non-negative number");
      }
      book.seedSyntheticDay(LocalDate.parse(m.group(1)), lines);
      sendJson(exchange, 200, Map.of("day", m.group(1), "lines", lines));
    } else if (method.equals("GET") && (m = ADMIN_ORDER_VIEW.matcher(path)).matches()) {
      sendJson(exchange, 200, book.get(m.group(1)));
    } else if (method.equals("POST") && (m = ADMIN_ORDER.matcher(path)).matches()) {
      String outTradeNo = m.group(1);
      if (m.group(2).equals("renotify")) {
        SandboxOrder order = book.get(outTradeNo);
        if (!SandboxOrder.SUCCESS.equals(order.status())) {
          throw new SandboxException(
              409, "ORDER_NOT_PAID", "order " + outTradeNo + " is " + order.status());
        }
        callbacks.resend(order);
        sendJson(exchange, 200, order);
        return;
      }
      JsonNode req = json.readTree(body.isBlank() ? "{}" : body);
      long amount =
          req.has("amountMinor")
              ? req.get("amountMinor").asLong()
              : book.get(outTradeNo).amountMinor();
      sendJson(
          exchange,
          200,
          payAsUser(
              outTradeNo,
              amount,
              req.path("force").asBoolean(false),
              req.path("deliverCallback").asBoolean(true)));
    } else {
      throw new SandboxException(404, "NOT_FOUND", "no such endpoint " + method + " " + path);
    }
  }

  private SandboxOrder payAsUser(
      String outTradeNo, long amount, boolean force, boolean deliverCallback) {
    if (!roll(faults.get().paymentSuccessRate())) {
      return book.fail(outTradeNo);
    }
    SandboxOrder before = book.get(outTradeNo);
    SandboxOrder paid = book.pay(outTradeNo, amount, force);
    boolean newlyPaid = !SandboxOrder.SUCCESS.equals(before.status());
    if (newlyPaid && deliverCallback) {
      callbacks.paymentSucceeded(paid);
    }
    return paid;
  }

  /** Checks merchant, timestamp window, nonce freshness and the HMAC over the raw body. */
  private void authenticate(HttpExchange exchange, String body) {
    var headers = exchange.getRequestHeaders();
    String merchant = headers.getFirst(SandboxSignature.MERCHANT_HEADER);
    String timestamp = headers.getFirst(SandboxSignature.TIMESTAMP_HEADER);
    String nonce = headers.getFirst(SandboxSignature.NONCE_HEADER);
    String signature = headers.getFirst(SandboxSignature.SIGNATURE_HEADER);
    if (!config.merchantId().equals(merchant)) {
      throw new SandboxException(401, "MERCHANT_INVALID", "unknown merchant");
    }
    if (!SandboxSignature.verify(config.merchantSecret(), timestamp, nonce, body, signature)) {
      throw new SandboxException(401, "SIGNATURE_INVALID", "request signature does not verify");
    }
    long now = clock.instant().getEpochSecond();
    long sentAt;
    try {
      sentAt = Long.parseLong(timestamp);
    } catch (NumberFormatException e) {
      throw new SandboxException(401, "TIMESTAMP_INVALID", "timestamp is not epoch seconds");
    }
    if (Math.abs(now - sentAt) > TIMESTAMP_WINDOW_SECONDS) {
      throw new SandboxException(401, "TIMESTAMP_EXPIRED", "timestamp outside the 300 s window");
    }
    if (now != lastNoncePruneSecond) { // a sweep per second, not per request
      lastNoncePruneSecond = now;
      seenNonces.values().removeIf(seen -> seen < now - TIMESTAMP_WINDOW_SECONDS);
    }
    if (seenNonces.putIfAbsent(nonce, now) != null) {
      throw new SandboxException(401, "NONCE_REPLAYED", "nonce already used");
    }
  }

  private boolean roll(double rate) {
    if (rate <= 0) {
      return false;
    }
    if (rate >= 1) {
      return true;
    }
    synchronized (dice) {
      return dice.nextDouble() < rate;
    }
  }

  private static String text(JsonNode req, String field) {
    JsonNode node = req.get(field);
    if (node == null
        || !node.isTextual()
        || node.asText().isBlank()
        || node.asText().length() > 64) {
      throw new IllegalArgumentException(field + " is required (text, at most 64 characters)");
    }
    return node.asText();
  }

  private static long positiveAmount(JsonNode req) {
    JsonNode node = req.get("amountMinor");
    if (node == null
        || !node.canConvertToLong()
        || !node.isIntegralNumber()
        || node.asLong() <= 0) {
      throw new IllegalArgumentException("amountMinor must be a positive integer");
    }
    return node.asLong();
  }

  private static byte[] readBody(HttpExchange exchange) throws IOException {
    try (InputStream in = exchange.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
      if (bytes.length > MAX_BODY_BYTES) {
        throw new SandboxException(413, "BODY_TOO_LARGE", "body over " + MAX_BODY_BYTES + " bytes");
      }
      return bytes;
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> params = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          params.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return params;
  }

  private void sendJson(HttpExchange exchange, int status, Object value) throws IOException {
    send(exchange, status, "application/json", json.writeValueAsString(value));
  }

  private void sendError(HttpExchange exchange, int status, String code, String message)
      throws IOException {
    sendJson(exchange, status, Map.of("code", code, "message", message == null ? "" : message));
  }

  private static void send(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
