package io.channelshift.starter.web;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.HttpStatus;

/**
 * Calls that wait on a workflow (a create waiting for its pay URL, a close for the provider, a
 * refund or a read for a worker), each at most a timeout, in a bulkhead of its own per key — a
 * payment's channel, say. A channel whose provider is down can fill only its own bulkhead: past it,
 * its callers get a 503 at once and every other channel keeps its capacity. A call whose caller has
 * stopped waiting is interrupted, which ends the Temporal client's blocking call, so nothing goes
 * on holding a thread for a caller that has gone.
 */
public final class BoundedWaits implements AutoCloseable {

  private final String subject;
  private final int perKey;
  private final Duration timeout;
  private final Map<String, Semaphore> bulkheads = new ConcurrentHashMap<>();
  private final AtomicInteger running = new AtomicInteger();
  private final ExecutorService threads =
      Executors.newCachedThreadPool(
          r -> {
            Thread t = new Thread(r, "bounded-wait");
            t.setDaemon(true);
            return t;
          });

  /**
   * @param subject what the calls are about, as a caller's 503 names it ("Payment" gives "Payment
   *     not ready")
   * @param perKey how many calls of one key may wait at once (the bulkhead's size); the threads in
   *     use are at most this many per key seen, since a call takes its thread only once let in
   * @param timeout how long a caller waits for an answer before it is told 503
   */
  public BoundedWaits(String subject, int perKey, Duration timeout) {
    if (perKey < 1) {
      throw new IllegalArgumentException("a bulkhead needs room for one call at least");
    }
    this.subject = subject;
    this.perKey = perKey;
    this.timeout = timeout;
  }

  /** What a caller is told when the call did not answer in time, or could not be let in. */
  private ApiProblem notReady(String detail) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, subject + " not ready", detail);
  }

  public Duration timeout() {
    return timeout;
  }

  /**
   * Runs the call in the key's bulkhead and waits at most the timeout for it; past it, {@code
   * whenTooSlow}.
   */
  public <T> T call(String key, Callable<T> call, String whenTooSlow) {
    Semaphore bulkhead = bulkheads.computeIfAbsent(key, k -> new Semaphore(perKey));
    if (!bulkhead.tryAcquire()) {
      throw notReady(
          perKey + " requests on " + key + " are already waiting; retry the same request later");
    }
    // Whoever claims the call first gives the room back: the call when it has really ended (not
    // when its caller stopped waiting), or the caller when it gave up before the call had begun.
    AtomicBoolean claimed = new AtomicBoolean();
    Future<T> result;
    try {
      result =
          threads.submit(
              () -> {
                if (claimed.getAndSet(true)) {
                  return null; // its caller has gone already
                }
                running.incrementAndGet();
                try {
                  return call.call();
                } finally {
                  running.decrementAndGet();
                  bulkhead.release();
                }
              });
    } catch (RuntimeException e) {
      bulkhead.release();
      throw notReady("shutting down");
    }
    try {
      return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      giveUp(result, claimed, bulkhead);
      throw notReady(whenTooSlow);
    } catch (InterruptedException e) {
      giveUp(result, claimed, bulkhead);
      Thread.currentThread().interrupt();
      throw notReady("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static void giveUp(Future<?> result, AtomicBoolean claimed, Semaphore bulkhead) {
    result.cancel(true);
    if (!claimed.getAndSet(true)) {
      bulkhead.release();
    }
  }

  /** Calls still running: a call whose caller has gone must not be among them for long. */
  public int running() {
    return running.get();
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
