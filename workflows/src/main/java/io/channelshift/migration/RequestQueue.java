package io.channelshift.migration;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.function.Predicate;

/**
 * Engineer requests waiting for the main loop, numbered so that an update can wait until its own is
 * carried out.
 */
final class RequestQueue {

  private record Pending(long seq, EngineerAction action) {}

  private final Queue<Pending> pending = new ArrayDeque<>();
  private long lastQueued;
  private long lastHandled;

  /** Queues the request; returns its number. */
  long add(EngineerAction action) {
    long seq = ++lastQueued;
    pending.add(new Pending(seq, action));
    return seq;
  }

  boolean isEmpty() {
    return pending.isEmpty();
  }

  /** Whether the request of that number has been carried out. */
  boolean handled(long seq) {
    return lastHandled >= seq;
  }

  /** Carries out the queued requests in order; returns true when one changed the course. */
  boolean handleAll(Predicate<EngineerAction> handler) {
    boolean changed = false;
    while (!pending.isEmpty()) {
      Pending next = pending.poll();
      changed |= handler.test(next.action());
      lastHandled = next.seq();
    }
    return changed;
  }
}
