package io.channelshift.provider.fake;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What both fake gateways share: the log of calls they took and the faults scheduled for the next
 * ones.
 */
public abstract class FakeGateway implements AutoCloseable {

  /**
   * How late a {@link GatewayFault#TIMEOUT_AFTER_PROCESSING} answer comes: longer than the tests'
   * read timeouts.
   */
  protected static final long TIMEOUT_STALL_MS = 1_500;

  private final Deque<GatewayFault> faults = new ArrayDeque<>();
  private final List<String> requestLog = new ArrayList<>();

  /** The calls taken so far, in order (method names or HTTP method and path). */
  public synchronized List<String> requests() {
    return List.copyOf(requestLog);
  }

  /** Spoils the next requests, one fault each, in this order. */
  public synchronized void failNext(GatewayFault... next) {
    faults.addAll(List.of(next));
  }

  /** Logs a request and returns the fault it must suffer, or null. */
  protected synchronized GatewayFault take(String request) {
    requestLog.add(request);
    return faults.poll();
  }

  @Override
  public abstract void close();
}
