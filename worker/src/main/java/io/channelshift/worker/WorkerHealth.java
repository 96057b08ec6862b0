package io.channelshift.worker;

import io.channelshift.probes.CachedProbe;
import io.channelshift.probes.ProbeResult;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;

/**
 * What the worker tells an orchestrator. Liveness is the process alone: Spring's liveness state and
 * no deadlocked threads (a wedged worker is restarted; one whose Temporal is down is not, since a
 * restart would not bring Temporal back). Readiness adds what the worker needs to do its job:
 * Temporal and PostgreSQL answer ({@link CachedProbe}s: bounded, cached) and its workers poll.
 */
final class WorkerHealth implements AutoCloseable {

  /** One answer: up when every check is, each check's state by name. */
  record Answer(boolean up, Map<String, String> checks) {}

  /**
   * How long a deadlock scan's answer stands: the scan walks every thread's monitors, too costly to
   * run at every liveness probe of every orchestrator, and a deadlock does not go away by itself.
   */
  static final Duration DEADLOCK_SCAN_FRESH_FOR = Duration.ofSeconds(10);

  private final ApplicationAvailability availability;
  private final CachedProbe temporal;
  private final CachedProbe postgres;
  private final BooleanSupplier polling;
  private final Supplier<long[]> deadlockScan;
  private final LongSupplier nanoTime;

  /**
   * Looks at PostgreSQL while the caller looks at Temporal. A few threads, made when needed; past
   * them the caller looks itself, one after the other, rather than queueing.
   */
  private final ThreadPoolExecutor looks =
      new ThreadPoolExecutor(
          0,
          4,
          30,
          TimeUnit.SECONDS,
          new SynchronousQueue<>(),
          r -> {
            Thread t = new Thread(r, "worker-health-postgresql");
            t.setDaemon(true);
            return t;
          },
          new ThreadPoolExecutor.CallerRunsPolicy());

  private long[] lastScan;
  private long lastScanAtNanos;
  private boolean scanned;

  WorkerHealth(
      ApplicationAvailability availability,
      CachedProbe temporal,
      CachedProbe postgres,
      BooleanSupplier polling) {
    this(
        availability,
        temporal,
        postgres,
        polling,
        () -> ManagementFactory.getThreadMXBean().findDeadlockedThreads(),
        System::nanoTime);
  }

  WorkerHealth(
      ApplicationAvailability availability,
      CachedProbe temporal,
      CachedProbe postgres,
      BooleanSupplier polling,
      Supplier<long[]> deadlockScan,
      LongSupplier nanoTime) {
    this.availability = availability;
    this.temporal = temporal;
    this.postgres = postgres;
    this.polling = polling;
    this.deadlockScan = deadlockScan;
    this.nanoTime = nanoTime;
  }

  Answer liveness() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put(
        "livenessState",
        availability.getLivenessState() == LivenessState.CORRECT ? "UP" : "DOWN: broken");
    long[] deadlocked = deadlockedThreads();
    checks.put(
        "threads",
        deadlocked == null ? "UP" : "DOWN: " + deadlocked.length + " threads deadlocked");
    return answer(checks);
  }

  /** The last scan's answer while it is fresh, else a new scan's; one scan at a time. */
  private synchronized long[] deadlockedThreads() {
    long now = nanoTime.getAsLong();
    if (!scanned || now - lastScanAtNanos >= DEADLOCK_SCAN_FRESH_FOR.toNanos()) {
      lastScan = deadlockScan.get();
      lastScanAtNanos = now;
      scanned = true;
    }
    return lastScan;
  }

  Answer readiness() {
    Map<String, String> checks = new LinkedHashMap<>();
    checks.put(
        "readinessState",
        availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC
            ? "UP"
            : "DOWN: not ready");
    checks.put("workers", polling.getAsBoolean() ? "UP" : "DOWN: not polling");
    // both at once: a readiness probe holds one of the metrics server's threads for the longer of
    // the two deadlines, not their sum, and leaves the others to /metrics
    CompletableFuture<ProbeResult> database =
        CompletableFuture.supplyAsync(postgres::result, looks);
    checks.put("temporal", text(temporal.result()));
    checks.put("postgresql", text(database.join()));
    return answer(checks);
  }

  @Override
  public void close() {
    looks.shutdownNow();
  }

  private static String text(ProbeResult result) {
    return result instanceof ProbeResult.Down down ? "DOWN: " + down.reason() : "UP";
  }

  private static Answer answer(Map<String, String> checks) {
    return new Answer(checks.values().stream().allMatch("UP"::equals), checks);
  }
}
