package io.channelshift.probes;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Probe} that answers within its deadline and asks its dependency at most once per {@code
 * ttl}, however many orchestrators, load balancers and operators ask: a flood of probes never
 * becomes a flood of calls to Temporal or PostgreSQL. One look at a time runs on a thread of its
 * own; a look that hangs (a pool waiting its whole connection timeout) answers DOWN at the deadline
 * and no second look starts until it ends. Changes between UP and DOWN are logged once each.
 */
public final class CachedProbe implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(CachedProbe.class);

  private final String name;
  private final Probe probe;
  private final long deadlineMs;
  private final long ttlNanos;
  private final LongSupplier nanoTime;
  private final ExecutorService looker;
  private final AtomicLong looks = new AtomicLong();

  private ProbeResult last;
  private long lastAtNanos;
  private CompletableFuture<ProbeResult> inFlight;
  private Boolean wasUp;

  public CachedProbe(String name, Probe probe, Duration deadline, Duration ttl) {
    this(name, probe, deadline, ttl, System::nanoTime);
  }

  CachedProbe(String name, Probe probe, Duration deadline, Duration ttl, LongSupplier nanoTime) {
    this.name = name;
    this.probe = probe;
    this.deadlineMs = deadline.toMillis();
    this.ttlNanos = ttl.toNanos();
    this.nanoTime = nanoTime;
    this.looker =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "probe-" + name);
              t.setDaemon(true);
              return t;
            });
  }

  public String name() {
    return name;
  }

  /**
   * The last answer while it is fresh, else a new look's, within the deadline. Only the caller that
   * starts a look waits for it; a caller that comes while a look runs gets the last answer at once
   * (a flood of probes against a dependency that hangs must not hold a thread each for the whole
   * deadline), or waits with the rest when there is none yet.
   */
  public ProbeResult result() {
    CompletableFuture<ProbeResult> look;
    synchronized (this) {
      if (last != null && nanoTime.getAsLong() - lastAtNanos < ttlNanos) {
        return last;
      }
      if (inFlight != null && last != null) {
        return last;
      }
      if (inFlight == null) {
        looks.incrementAndGet();
        CompletableFuture<ProbeResult> started =
            CompletableFuture.supplyAsync(this::lookSafely, looker);
        inFlight = started;
        // a look that ends after its caller gave up still counts: the next probe sees it
        started.whenComplete((r, e) -> ended(started, r));
        look = started; // not inFlight: a look that ended at once has already cleared it
      } else {
        look = inFlight;
      }
    }
    ProbeResult result;
    try {
      result = look.get(deadlineMs, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      result = ProbeResult.down("no answer within " + deadlineMs + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      result = ProbeResult.down("interrupted");
    } catch (ExecutionException e) {
      result = ProbeResult.down(e.getCause().getClass().getSimpleName());
    }
    remember(result);
    return result;
  }

  /** How many looks at the dependency were started (not answers given). */
  public long looks() {
    return looks.get();
  }

  private ProbeResult lookSafely() {
    try {
      ProbeResult r = probe.check();
      return r == null ? ProbeResult.down("no answer") : r;
    } catch (Exception e) {
      return ProbeResult.down(e.getClass().getSimpleName());
    }
  }

  private void ended(CompletableFuture<ProbeResult> look, ProbeResult result) {
    synchronized (this) {
      if (inFlight == look) {
        inFlight = null;
      }
    }
    if (result != null) {
      remember(result);
    }
  }

  private void remember(ProbeResult result) {
    boolean changed;
    synchronized (this) {
      last = result;
      lastAtNanos = nanoTime.getAsLong();
      changed = wasUp == null ? !result.up() : wasUp != result.up();
      wasUp = result.up();
    }
    if (changed && result instanceof ProbeResult.Down down) {
      log.warn("{} is DOWN: {}", name, down.reason());
    } else if (changed) {
      log.info("{} is UP again", name);
    }
  }

  @Override
  public void close() {
    looker.shutdownNow();
  }
}
