package io.channelshift.starter.console;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Guessing keys at the sign-in form: each remote address may make {@link #FAILURES} failed attempts
 * a {@link #WINDOW}, then is refused until its window ends.
 *
 * <p>An attempt reserves its slot before the key is checked ({@link #reserve}), in one step under
 * the lock: a parallel burst from one address gets at most {@link #FAILURES} attempts past the
 * check, not as many as arrive before the first failure is counted. A sign-in that succeeds gives
 * its own slot back ({@link #succeeded}) and nothing more: the failures before it still count, so a
 * holder of one valid key cannot keep guessing others by signing in between guesses.
 *
 * <p>Memory is bounded: at most {@link #ADDRESSES} addresses are tracked, by last use; a newcomer
 * to a full table makes the address least recently seen forgotten (one step, no scan). An attacker
 * who owns that many addresses gains little from it, and no one is ever refused because the table
 * is full. Keys are 32 random bytes, so this only keeps the logs and the CPU quiet; it is not what
 * keeps them safe. Behind a proxy the address is the proxy's unless the server is told to trust its
 * forwarded headers (see the operations guide).
 */
final class SignInThrottle {

  static final int FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int ADDRESSES = 10_000;

  /** An attempt let past the check: what {@link #succeeded} gives back. */
  record Reservation(String address, long windowStartMs) {}

  private static final class Attempts {
    final long windowStartMs;
    int count;

    Attempts(long windowStartMs) {
      this.windowStartMs = windowStartMs;
    }
  }

  private final Map<String, Attempts> byAddress;

  SignInThrottle() {
    this(ADDRESSES);
  }

  SignInThrottle(int addresses) {
    this.byAddress =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Attempts> eldest) {
            return size() > addresses;
          }
        };
  }

  /**
   * Counts an attempt from the address as failed until {@link #succeeded} says otherwise, and lets
   * it through; or, when the address has no attempt left in its window, how long it must wait.
   */
  synchronized Result reserve(String address, long nowMs) {
    Attempts attempts = byAddress.get(address);
    if (attempts == null || nowMs - attempts.windowStartMs >= WINDOW.toMillis()) {
      attempts = new Attempts(nowMs);
      byAddress.put(address, attempts);
    }
    if (attempts.count >= FAILURES) {
      return new Result.Wait(Duration.ofMillis(attempts.windowStartMs + WINDOW.toMillis() - nowMs));
    }
    attempts.count++;
    return new Result.Go(new Reservation(address, attempts.windowStartMs));
  }

  /** The reserved attempt signed in: its slot is given back; earlier failures still count. */
  synchronized void succeeded(Reservation reservation) {
    Attempts attempts = byAddress.get(reservation.address());
    if (attempts != null && attempts.windowStartMs == reservation.windowStartMs()) {
      attempts.count = Math.max(0, attempts.count - 1);
    }
  }

  synchronized int tracked() {
    return byAddress.size();
  }

  /** Whether an attempt may go on: {@link Go} with its reservation, or {@link Wait}. */
  sealed interface Result {
    record Go(Reservation reservation) implements Result {}

    record Wait(Duration duration) implements Result {}

    default Optional<Reservation> granted() {
      return this instanceof Go go ? Optional.of(go.reservation()) : Optional.empty();
    }
  }
}
