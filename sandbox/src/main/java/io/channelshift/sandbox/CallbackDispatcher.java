package io.channelshift.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends signed payment callbacks the way real providers do: after a delay, retried on a backoff
 * until the merchant answers a 2xx with body {@code success}, possibly dropped, duplicated or
 * reordered by the faults. Refund notices (sent when a refund that named a notify URL succeeds) go
 * the same way, without those faults.
 */
final class CallbackDispatcher implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CallbackDispatcher.class);
  private static final long OUT_OF_ORDER_FLUSH_MS = 1_000;

  private final String merchantId;
  private final String merchantSecret;
  private final Supplier<FaultSettings> faults;
  private final List<Duration> retryDelays;
  private final Clock clock;
  private final Random random;
  private final ObjectMapper json = new ObjectMapper();

  /**
   * Real providers send callbacks from many machines at once; one slow merchant must not hold up
   * the rest.
   */
  private static final int SENDERS = 16;

  private final ScheduledExecutorService scheduler =
      Executors.newScheduledThreadPool(
          SENDERS,
          r -> {
            Thread t = new Thread(r, "sandbox-callbacks");
            t.setDaemon(true);
            return t;
          });
  private final Deque<Callback> heldForReordering = new ArrayDeque<>();

  /**
   * Refunds whose notice is on its way: a refund asked for again (same outRefundNo) is noticed
   * once.
   */
  private final Set<String> noticedRefunds = ConcurrentHashMap.newKeySet();

  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong attempts = new AtomicLong();

  CallbackDispatcher(
      String merchantId,
      String merchantSecret,
      Supplier<FaultSettings> faults,
      List<Duration> retryDelays,
      Clock clock,
      long seed) {
    this.merchantId = merchantId;
    this.merchantSecret = merchantSecret;
    this.faults = faults;
    this.retryDelays = List.copyOf(retryDelays);
    this.clock = clock;
    this.random = new Random(seed);
    scheduler.scheduleWithFixedDelay(
        this::releaseHeld, OUT_OF_ORDER_FLUSH_MS, OUT_OF_ORDER_FLUSH_MS, TimeUnit.MILLISECONDS);
  }

  /** Schedules the callback for a payment that has just succeeded, applying the callback faults. */
  void paymentSucceeded(SandboxOrder order) {
    FaultSettings f = faults.get();
    if (chance(f.callbackDropRate())) {
      log.info("fault: dropping the callback of {}", order.outTradeNo());
      return;
    }
    Callback callback = callback(order);
    if (f.outOfOrder()) {
      synchronized (heldForReordering) {
        heldForReordering.push(callback);
      }
      return;
    }
    long delay =
        f.callbackDelayMinMs()
            + (long) (nextDouble() * (f.callbackDelayMaxMs() - f.callbackDelayMinMs()));
    schedule(callback, 0, delay);
    if (chance(f.callbackDuplicateRate())) {
      schedule(callback, 0, delay + 50);
    }
  }

  /** Schedules the notice of a refund for when it succeeds, to the notify URL its request named. */
  void refundAccepted(SandboxRefund refund, String notifyUrl) {
    if (!noticedRefunds.add(refund.outRefundNo())) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifyId", "N" + refund.refundNo());
    body.put("merchantId", merchantId);
    body.put("type", "REFUND");
    body.put("outTradeNo", refund.outTradeNo());
    body.put("outRefundNo", refund.outRefundNo());
    body.put("refundNo", refund.refundNo());
    body.put("status", SandboxRefund.SUCCESS);
    body.put("amountMinor", refund.amountMinor());
    body.put("currency", refund.currency());
    body.put("succeededAt", Instant.ofEpochMilli(refund.succeedsAtEpochMs()).toString());
    try {
      schedule(
          new Callback(notifyUrl, refund.outTradeNo(), json.writeValueAsString(body)),
          0,
          Math.max(0, refund.succeedsAtEpochMs() - clock.millis()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot write the notice of refund " + refund.outRefundNo(), e);
    }
  }

  /**
   * Sends the callback of an already paid order again, with the same notifyId: a provider's
   * duplicate.
   */
  void resend(SandboxOrder order) {
    schedule(callback(order), 0, 0);
  }

  long deliveredCount() {
    return delivered.get();
  }

  long attemptCount() {
    return attempts.get();
  }

  /**
   * One notification, serialised once: every attempt sends the same body (with a fresh nonce and
   * signature).
   */
  private record Callback(String notifyUrl, String outTradeNo, String payload) {}

  private Callback callback(SandboxOrder order) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("notifyId", "N" + order.tradeNo());
    body.put("merchantId", merchantId);
    body.put("outTradeNo", order.outTradeNo());
    body.put("tradeNo", order.tradeNo());
    body.put("status", order.status());
    body.put("amountMinor", order.paidAmountMinor());
    body.put("currency", order.currency());
    body.put("paidAt", order.paidAt());
    try {
      return new Callback(order.notifyUrl(), order.outTradeNo(), json.writeValueAsString(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot write the callback of " + order.outTradeNo(), e);
    }
  }

  private void releaseHeld() {
    List<Callback> batch = new ArrayList<>();
    synchronized (heldForReordering) {
      while (!heldForReordering.isEmpty()) {
        batch.add(heldForReordering.pop()); // newest first: the reverse of payment order
      }
    }
    long delay = 0;
    for (Callback callback : batch) {
      schedule(callback, 0, delay);
      delay += 20;
    }
  }

  private void schedule(Callback callback, int attempt, long delayMs) {
    scheduler.schedule(() -> attempt(callback, attempt), delayMs, TimeUnit.MILLISECONDS);
  }

  private void attempt(Callback callback, int attempt) {
    attempts.incrementAndGet();
    String notifyUrl = callback.notifyUrl();
    boolean acknowledged = false;
    if (!faults.get().outage() && notifyUrl != null && !notifyUrl.isBlank()) {
      acknowledged = post(notifyUrl, callback.payload());
    }
    if (acknowledged) {
      delivered.incrementAndGet();
      return;
    }
    if (attempt + 1 < retryDelays.size()) {
      schedule(callback, attempt + 1, retryDelays.get(attempt).toMillis());
    } else {
      log.warn(
          "giving up the notification of {} after {} attempts", callback.outTradeNo(), attempt + 1);
    }
  }

  private boolean post(String notifyUrl, String payload) {
    try {
      String timestamp = Long.toString(clock.instant().getEpochSecond());
      String nonce = UUID.randomUUID().toString();
      HttpURLConnection connection =
          (HttpURLConnection) URI.create(notifyUrl).toURL().openConnection();
      connection.setConnectTimeout(2_000);
      connection.setReadTimeout(5_000);
      connection.setRequestMethod("POST");
      connection.setRequestProperty("Content-Type", "application/json");
      connection.setRequestProperty(SandboxSignature.TIMESTAMP_HEADER, timestamp);
      connection.setRequestProperty(SandboxSignature.NONCE_HEADER, nonce);
      connection.setRequestProperty(
          SandboxSignature.SIGNATURE_HEADER,
          SandboxSignature.sign(merchantSecret, timestamp, nonce, payload));
      byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
      connection.setDoOutput(true);
      connection.setFixedLengthStreamingMode(bytes.length);
      try (OutputStream out = connection.getOutputStream()) {
        out.write(bytes);
      }
      int status = connection.getResponseCode();
      InputStream answer =
          status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = "";
      if (answer != null) {
        try (answer) {
          text = new String(answer.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return status / 100 == 2 && "success".equals(text.trim());
    } catch (Exception e) {
      log.debug("callback to {} failed: {}", notifyUrl, e.toString());
      return false;
    }
  }

  private boolean chance(double rate) {
    return rate > 0 && nextDouble() < rate;
  }

  private double nextDouble() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
