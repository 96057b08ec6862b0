package io.channelshift.app.bench;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** When each order of a run ended (System.nanoTime), and a latch that opens when all have. */
final class Completions {

  private final Map<String, Long> endedAt = new ConcurrentHashMap<>();
  private volatile CountDownLatch remaining = new CountDownLatch(0);

  void expect(int count) {
    endedAt.clear();
    remaining = new CountDownLatch(count);
  }

  void ended(String orderId) {
    if (endedAt.putIfAbsent(orderId, System.nanoTime()) == null) {
      remaining.countDown();
    }
  }

  Long endedAt(String orderId) {
    return endedAt.get(orderId);
  }

  boolean await(long timeoutMs) throws InterruptedException {
    return remaining.await(timeoutMs, TimeUnit.MILLISECONDS);
  }
}
