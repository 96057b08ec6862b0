package io.channelshift.starter.console;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Guessing keys at the sign-in form: each remote address may fail {@link #FAILURES} times a {@link
 * #WINDOW}, then is refused until its window ends. Memory is bounded: at most {@link #ADDRESSES}
 * addresses are tracked; past that, windows that ended are dropped, and should all still run, the
 * newcomers share one entry (so many addresses guessing at once slow each other down, never grow
 * the map). Keys are 32 random bytes, so this only keeps the logs and the CPU quiet; it is not what
 * keeps them safe.
 */
final class SignInThrottle {

  static final int FAILURES = 5;
  static final Duration WINDOW = Duration.ofMinutes(1);
  static final int ADDRESSES = 10_000;
  private static final String SHARED = "(every other address)";

  private record Failures(long windowStartMs, int count) {}

  private final Map<String, Failures> byAddress = new LinkedHashMap<>();
  private final int addresses;

  SignInThrottle() {
    this(ADDRESSES);
  }

  SignInThrottle(int addresses) {
    this.addresses = addresses;
  }

  /** How long the address must wait before it may try again; zero when it may now. */
  synchronized Duration waitFor(String address, long nowMs) {
    Failures f = byAddress.get(tracked(address));
    if (f == null || nowMs - f.windowStartMs() >= WINDOW.toMillis() || f.count() < FAILURES) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(f.windowStartMs() + WINDOW.toMillis() - nowMs);
  }

  synchronized void failed(String address, long nowMs) {
    if (!byAddress.containsKey(address) && byAddress.size() >= addresses) {
      dropEnded(nowMs);
    }
    String key = tracked(address);
    Failures f = byAddress.get(key);
    byAddress.put(
        key,
        f == null || nowMs - f.windowStartMs() >= WINDOW.toMillis()
            ? new Failures(nowMs, 1)
            : new Failures(f.windowStartMs(), f.count() + 1));
  }

  synchronized void succeeded(String address) {
    byAddress.remove(address);
  }

  synchronized int tracked() {
    return byAddress.size();
  }

  private String tracked(String address) {
    return byAddress.containsKey(address) || byAddress.size() < addresses ? address : SHARED;
  }

  private void dropEnded(long nowMs) {
    for (Iterator<Failures> it = byAddress.values().iterator(); it.hasNext(); ) {
      if (nowMs - it.next().windowStartMs() >= WINDOW.toMillis()) {
        it.remove();
      }
    }
  }
}
