package io.channelshift.app.embedded;

import io.temporal.internal.testservice.TestServicesStarter;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedList;

/**
 * Stops the Temporal test server's debug log of time-skipping lock events from growing without
 * bound.
 *
 * <p>The test server's {@code SelfAdvancingTimerImpl} appends an event to a {@code LinkedList} for
 * every lock and unlock of time skipping (several per workflow task, activity and fired timer) and
 * removes only the events of locks released through a handle, by a scan from the head. The list is
 * "for debugging purposes only" (its own comment), yet it keeps every event of the server's life: a
 * long-running {@code dev} or a benchmark makes every later unlock slower and slower (measured: a
 * sixth of all CPU in {@code LinkedList.remove} after a few thousand payments). Unit tests never
 * notice, because their servers live for seconds.
 *
 * <p>The list is swapped for one that keeps nothing. The balance of locks is still checked by the
 * timer's own lock counter, which throws on an unbalanced unlock; only the server's diagnostic dump
 * loses its event list.
 */
final class TestServerLockLog {

  private TestServerLockLog() {}

  /**
   * Replaces the lock-event list of the given server's timer. Fails loudly if the test server's
   * internals changed (a Temporal upgrade): the embedded runtime would still work, only slow down
   * over time, and a test says so.
   */
  static void stopRecording(TestServicesStarter starter) {
    try {
      Object timer = field(starter, "selfAdvancingTimer");
      Field events = timer.getClass().getDeclaredField("lockEvents");
      events.setAccessible(true);
      events.set(timer, new ForgettingList());
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot bound the Temporal test server's lock-event log (did the test server's "
              + "internals change with a Temporal upgrade?): "
              + e,
          e);
    }
  }

  /**
   * How many lock events the server's timer holds: zero once {@link #stopRecording} took effect.
   */
  static int recordedEvents(TestServicesStarter starter) throws ReflectiveOperationException {
    Object timer = field(starter, "selfAdvancingTimer");
    return ((Collection<?>) field(timer, "lockEvents")).size();
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    Field f = owner.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f.get(owner);
  }

  /** Accepts every event and forgets it; every removal succeeds. */
  @SuppressWarnings({"rawtypes", "serial"})
  private static final class ForgettingList extends LinkedList {

    @Override
    public boolean add(Object event) {
      return true;
    }

    @Override
    public boolean remove(Object event) {
      return true;
    }

    @Override
    public Iterator iterator() {
      return Collections.emptyIterator();
    }
  }
}
