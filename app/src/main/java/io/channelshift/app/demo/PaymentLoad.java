package io.channelshift.app.demo;

import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Steady platform traffic for drills: payments across product types and 5,000 users at a fixed
 * rate, 90% of which the user really pays at the sandbox of the payment's channel (after opening
 * the cashier for 100–500 ms). Every request is remembered, answered or not, so a drill can tell
 * afterwards what became of each.
 */
public final class PaymentLoad {

  private static final String[] PRODUCTS = {"game_card", "topup", "membership"};

  private final DemoClient api;
  private final String prefix;
  private final long periodMs;
  private final AtomicBoolean running = new AtomicBoolean();
  private final AtomicInteger sequence = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final Set<String> accepted = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
  private final ExecutorService payers = Executors.newFixedThreadPool(8);

  /**
   * @param prefix every order id starts with it, so a drill finds its own payments
   */
  public PaymentLoad(DemoClient api, String prefix, int perSecond) {
    this.api = api;
    this.prefix = prefix;
    this.periodMs = Math.max(1, 1000 / perSecond);
  }

  public void start() {
    running.set(true);
    clock.scheduleAtFixedRate(
        () -> {
          if (running.get()) {
            payers.execute(this::onePayment);
          }
        },
        0,
        periodMs,
        TimeUnit.MILLISECONDS);
  }

  /** Stops sending; waits for the payments already asked for to be answered and paid. */
  public void stop() {
    if (running.getAndSet(false)) {
      clock.shutdownNow();
      payers.shutdown();
      try {
        payers.awaitTermination(60, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Requests sent. */
  public int requested() {
    return sequence.get();
  }

  /** Requests answered 201 (the payment is under way). */
  public Set<String> accepted() {
    return Set.copyOf(accepted);
  }

  /** Requests refused or not answered (a payment may still have started: drills check). */
  public int refused() {
    return refused.get();
  }

  public String prefix() {
    return prefix;
  }

  private void onePayment() {
    int n = sequence.incrementAndGet();
    Random random = new Random(n);
    String orderId = prefix + "-" + n;
    String user = prefix + "-user-" + random.nextInt(5_000);
    try {
      DemoClient.Reply created =
          api.createPaymentOfType(
              orderId,
              user,
              100 + random.nextInt(9_900),
              PRODUCTS[random.nextInt(PRODUCTS.length)]);
      if (created.status() != 201) {
        refused.incrementAndGet();
        return;
      }
      accepted.add(orderId);
      if (random.nextDouble() < 0.9) {
        sleep(100 + random.nextInt(400)); // the user opens the cashier and pays
        api.payOn(created.text("channel"), orderId, Map.of());
      }
    } catch (
        RuntimeException
            e) { // no answer at all: counted, and the payment (if any) is checked like all others
      refused.incrementAndGet();
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
