package io.channelshift.worker.metrics;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.store.OpsReadings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the store and Temporal every few seconds on one thread of its own and publishes what it
 * found to the meter registry ({@link GaugeBoard}); a scrape reads what the last collection left.
 * Whatever fails (the database, Temporal, one migration's query) is counted, logged once until it
 * recovers, and leaves the last values of what it could not read in place; the endpoint keeps
 * answering. A migration's series go once the store says it ended or its status says so; a scope's
 * once it has no table.
 */
public final class OpsCollector implements AutoCloseable {

  public static final String DATABASE_UP = "channelshift_database_up";
  public static final String TEMPORAL_UP = "channelshift_temporal_up";

  /** Prometheus: {@code channelshift_metrics_collect_failures_total{source}}. */
  static final String FAILURES = "channelshift_metrics_collect_failures";

  static final String DATABASE = "database";
  static final String TEMPORAL = "temporal";

  private static final Logger log = LoggerFactory.getLogger(OpsCollector.class);

  private final Supplier<OpsReadings.Snapshot> store;
  private final TemporalReads temporal;
  private final Set<String> channels;
  private final MeterRegistry registry;
  private final Clock clock;
  private final GaugeBoard board;
  private final Map<String, Boolean> failing = new ConcurrentHashMap<>();
  private final Duration storeDeadline;

  /**
   * The store is read here, waited for at most {@link #storeDeadline}: a database that does not
   * answer (the pool waiting for a connection to a server gone) shows as down within seconds,
   * rather than when the pool gives up. One thread, and room for one read waiting (the instant
   * between a read's end and its thread being free again): never a queue of reads behind a hung
   * one.
   */
  private final ThreadPoolExecutor storeReads =
      new ThreadPoolExecutor(
          1,
          1,
          0,
          TimeUnit.MILLISECONDS,
          new ArrayBlockingQueue<>(1),
          r -> {
            Thread t = new Thread(r, "channelshift-metrics-store");
            t.setDaemon(true);
            return t;
          });

  /**
   * The read of the store started last, until it ends by itself. While it runs no other starts: a
   * database that hangs holds one thread and one connection attempt, not one more every interval.
   */
  private StoreRead reading;

  private ScheduledExecutorService scheduler;

  /**
   * @param channels the channels configured
   * @param storeDeadline how long a read of the store may take before the database counts as down
   */
  public OpsCollector(
      Supplier<OpsReadings.Snapshot> store,
      TemporalReads temporal,
      Set<String> channels,
      MeterRegistry registry,
      Clock clock,
      Duration storeDeadline) {
    this.storeDeadline = storeDeadline;
    this.store = store;
    this.temporal = temporal;
    this.channels = Set.copyOf(channels);
    this.registry = registry;
    this.clock = clock;
    this.board = new GaugeBoard(registry);
    failures(DATABASE);
    failures(TEMPORAL);
  }

  /** Collects now, then every {@code interval} after the previous collection ended. */
  public synchronized void start(Duration interval) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "channelshift-metrics-collector");
              t.setDaemon(true);
              return t;
            });
    scheduler.scheduleWithFixedDelay(
        this::collectSafely, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void collectSafely() {
    try {
      collect();
    } catch (RuntimeException e) {
      failed("collector", e);
    }
  }

  /** One collection. */
  synchronized void collect() {
    long now = clock.millis();
    OpsReadings.Snapshot snapshot = null;
    try {
      snapshot = readStore();
      List<Sample> samples = new ArrayList<>(StoreSamples.of(snapshot, channels));
      samples.addAll(ChannelSamples.states(channels, snapshot.channelStates()));
      board.replace("store", samples);
      recovered(DATABASE);
    } catch (RuntimeException e) {
      failed(DATABASE, e);
    }
    boolean temporalUp = reachable();
    board.replace(
        "up",
        List.of(
            Sample.gauge(DATABASE_UP, Map.of(), snapshot == null ? 0 : 1),
            Sample.gauge(TEMPORAL_UP, Map.of(), temporalUp ? 1 : 0)));
    if (snapshot == null) {
      return; // what runs is unknown: every series stays as it was
    }
    Set<String> keep = new HashSet<>(Set.of("store", "up"));
    boolean queriesAnswered = true;
    for (OpsReadings.RunningMigration m : snapshot.running()) {
      String group = "migration:" + m.migrationId();
      keep.add(group);
      if (temporalUp) {
        queriesAnswered &= readMigration(group, m, now);
      }
    }
    for (String scope : snapshot.scopes()) {
      String group = "scope:" + scope;
      keep.add(group);
      if (temporalUp) {
        queriesAnswered &= readScope(group, scope);
      }
    }
    board.retainGroups(keep::contains);
    if (temporalUp && queriesAnswered) {
      recovered(TEMPORAL);
    }
  }

  /**
   * Starts a read of the store, unless the previous one still runs (then this collection fails:
   * counted, and the database shows down), and waits for it at most {@link #storeDeadline}. A read
   * past its deadline is interrupted (a pool's wait for a connection ends on it) but not forgotten:
   * a JDBC call that ignores the interrupt keeps the next collections from starting another.
   */
  private OpsReadings.Snapshot readStore() {
    if (reading != null && !reading.result.isDone()) {
      throw new IllegalStateException(
          "the previous read of the store still runs after "
              + (clock.millis() - reading.startedMillis)
              + " ms; not starting another");
    }
    StoreRead read = new StoreRead(clock.millis());
    storeReads.execute(read);
    reading = read;
    try {
      return read.result.get(storeDeadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof RuntimeException r
          ? r
          : new IllegalStateException(e.getCause());
    } catch (TimeoutException e) {
      read.interrupt();
      throw new IllegalStateException(
          "the store did not answer within " + storeDeadline.toMillis() + " ms", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      read.interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Reads of the store waiting for the reader thread (for tests: never more than one). */
  int storeReadsWaiting() {
    return storeReads.getQueue().size();
  }

  /** One read of the store; its result completes when the read ends, however late. */
  private final class StoreRead implements Runnable {
    final CompletableFuture<OpsReadings.Snapshot> result = new CompletableFuture<>();
    final long startedMillis;
    private volatile Thread thread;

    StoreRead(long startedMillis) {
      this.startedMillis = startedMillis;
    }

    @Override
    public void run() {
      thread = Thread.currentThread();
      try {
        result.complete(store.get());
      } catch (Throwable t) {
        result.completeExceptionally(t);
      } finally {
        thread = null;
      }
    }

    void interrupt() {
      Thread t = thread;
      if (t != null) {
        t.interrupt();
      }
    }
  }

  private boolean reachable() {
    try {
      if (temporal.reachable()) {
        return true;
      }
      failed(TEMPORAL, new IllegalStateException("the Temporal frontend does not answer"));
    } catch (RuntimeException e) {
      failed(TEMPORAL, e);
    }
    return false;
  }

  private boolean readMigration(String group, OpsReadings.RunningMigration m, long now) {
    try {
      Optional<MigrationStatus> status = temporal.migration(m.migrationId());
      board.replace(
          group,
          status
              .filter(s -> s.phase() != null && !s.phase().ended())
              .map(s -> MigrationSamples.of(m.migrationId(), m.scope(), s, now))
              .orElse(List.of()));
      return true;
    } catch (Exception e) {
      interruptedAgain(e);
      failed(TEMPORAL, e);
      return false;
    }
  }

  private boolean readScope(String group, String scope) {
    try {
      Optional<ChannelHealthStatus> status = temporal.scopeHealth(scope);
      board.replace(group, status.map(s -> ChannelSamples.health(scope, s)).orElse(List.of()));
      return true;
    } catch (Exception e) {
      interruptedAgain(e);
      failed(TEMPORAL, e);
      return false;
    }
  }

  private static void interruptedAgain(Exception e) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
  }

  private Counter failures(String source) {
    return Counter.builder(FAILURES)
        .description("collections of the ops metrics that failed, by what failed")
        .tag("source", source)
        .register(registry);
  }

  /** Counted every time; logged when the source starts failing, not at every collection. */
  private void failed(String source, Exception e) {
    failures(source).increment();
    if (failing.put(source, true) == null) {
      log.warn(
          "ops metrics: reading {} failed ({}); its series keep their last values until it answers"
              + " (logged once until then)",
          source,
          String.valueOf(e));
    }
  }

  private void recovered(String source) {
    if (failing.remove(source) != null) {
      log.info("ops metrics: reading {} works again", source);
    }
  }

  @Override
  public synchronized void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
    storeReads.shutdownNow();
  }
}
