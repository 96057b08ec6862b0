package io.channelshift.health;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.Queue;
import java.util.function.Function;

/**
 * Engineer requests waiting for the main loop, numbered so that an update can wait for its own and
 * learn whether it was carried out or refused when the loop came to it.
 */
final class HealthRequestQueue {

  private record Pending(long seq, HealthAction action, boolean answered) {}

  private final Queue<Pending> pending = new ArrayDeque<>();
  private final Map<Long, String> refusals = new HashMap<>();
  private long lastQueued;
  private long lastHandled;

  /** Queues the request; {@code answered} when an update waits for its outcome. */
  long add(HealthAction action, boolean answered) {
    long seq = ++lastQueued;
    pending.add(new Pending(seq, action, answered));
    return seq;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  boolean handled(long seq) {
    return lastHandled >= seq;
  }

  /** Why the request of that number was refused when carried out, or null; asked once. */
  String refusal(long seq) {
    return refusals.remove(seq);
  }

  /** Carries out every queued request; the handler answers a refusal, or null when done. */
  void handleAll(Function<HealthAction, String> handler) {
    while (!pending.isEmpty()) {
      Pending next = pending.poll();
      String refused = handler.apply(next.action());
      if (refused != null && next.answered()) {
        refusals.put(next.seq(), refused);
      }
      lastHandled = next.seq();
    }
  }
}
