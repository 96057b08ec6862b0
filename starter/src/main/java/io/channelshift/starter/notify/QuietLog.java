package io.channelshift.starter.notify;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * At most one log line per key and period, with the count of the ones held back since: a flood of
 * forged callbacks must not flood the log. Keys are few (a configured channel with a kind of
 * refusal), so the map stays small.
 */
final class QuietLog {

  private record Slot(AtomicLong nextAtNanos, AtomicLong held) {}

  private final long periodNanos;
  private final LongSupplier nanoClock;
  private final ConcurrentMap<String, Slot> slots = new ConcurrentHashMap<>();

  QuietLog(Duration period) {
    this(period, System::nanoTime);
  }

  QuietLog(Duration period, LongSupplier nanoClock) {
    this.periodNanos = period.toNanos();
    this.nanoClock = nanoClock;
  }

  /**
   * Whether this event may be logged now: returns how many events of the key were held back since
   * the last line (0 or more) when it may, and -1 when it is held back.
   */
  long admit(String key) {
    Slot slot =
        slots.computeIfAbsent(key, k -> new Slot(new AtomicLong(Long.MIN_VALUE), new AtomicLong()));
    long now = nanoClock.getAsLong();
    long next = slot.nextAtNanos().get();
    if ((next == Long.MIN_VALUE || now - next >= 0)
        && slot.nextAtNanos().compareAndSet(next, now + periodNanos)) {
      return slot.held().getAndSet(0);
    }
    slot.held().incrementAndGet();
    return -1;
  }
}
