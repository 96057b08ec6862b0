package io.channelshift.app.bench;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.MigrationDrill;
import io.channelshift.app.demo.MigrationReport;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.migration.GateMeasurement;
import io.channelshift.migration.MeasureRequest;
import io.channelshift.payment.RouteDecision;
import io.channelshift.routing.Router;
import io.channelshift.routing.RoutingTable;
import io.channelshift.store.GateStore;
import io.channelshift.store.RoutingCache;
import io.channelshift.store.RoutingStore;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The migration issue's measurements, on the benchmark's stack: what a routing decision costs from
 * the cache against a database read per decision (same run), how long a gate evaluation takes over
 * a table of seeded payments, and the drill's time from degradation to rollback.
 */
final class MigrationBench {

  private static final int CACHED_DECISIONS = 200_000;
  private static final int DATABASE_DECISIONS = 2_000;
  private static final int GATE_EVALUATIONS = 7;

  /** Seeded payments spread over this many days; the gates look at the last 15 minutes. */
  private static final int DAYS = 30;

  private static volatile long sink;

  private final EmbeddedStack stack;
  private final Consumer<String> progress;

  MigrationBench(EmbeddedStack stack, Consumer<String> progress) {
    this.stack = stack;
    this.progress = progress;
  }

  BenchReport.Routing routing() {
    RoutingStore store = new RoutingStore(stack.pooledDataSource());
    try (RoutingCache cache = new RoutingCache(stack.pooledDataSource(), store).start()) {
      progress.accept(
          "routing: "
              + CACHED_DECISIONS
              + " decisions from the cache, "
              + DATABASE_DECISIONS
              + " reading the table each time");
      Function<String, Optional<RoutingTable>> fromCache = cache::inForce;
      Function<String, Optional<RoutingTable>> fromDatabase = store::inForce;
      for (int warm = 0; warm < 3; warm++) {
        nanosPerDecision(fromCache, 20_000, warm);
        nanosPerDecision(fromDatabase, 200, warm);
      }
      double cachedNs = nanosPerDecision(fromCache, CACHED_DECISIONS, 9);
      double databaseNs = nanosPerDecision(fromDatabase, DATABASE_DECISIONS, 9);
      return new BenchReport.Routing(cachedNs, databaseNs, databaseNs / cachedNs);
    }
  }

  /**
   * The time of one decision: the table in force for a product type, then the route of a new user.
   */
  private static double nanosPerDecision(
      Function<String, Optional<RoutingTable>> tables, int n, int round) {
    long started = System.nanoTime();
    long buckets = 0;
    for (int i = 0; i < n; i++) {
      RouteDecision d =
          Router.decide(tables.apply("game_card").orElseThrow(), "user-" + round + "-" + i);
      buckets += d.bucket();
    }
    double nanos = (System.nanoTime() - started) / (double) n;
    sink = buckets; // published, so that the JIT cannot drop the loop as unused
    return nanos;
  }

  /**
   * Grows a table of payments (and half as many callbacks) spread evenly over 30 days to each of
   * the sizes in turn, and times gate evaluations of the last 15 minutes at each size: the window
   * holds its share of the rows, as a real table of that size would.
   */
  List<BenchReport.GateEvaluation> gates(List<Integer> sizes) {
    List<BenchReport.GateEvaluation> results = new ArrayList<>();
    Instant now = Instant.now();
    int seeded = 0;
    for (int size : sizes) {
      long seedStarted = System.nanoTime();
      progress.accept(
          "gates: seeding up to "
              + size
              + " payments and "
              + size / 2
              + " callbacks over "
              + DAYS
              + " days...");
      seed(now, seeded + 1, size);
      seeded = Math.max(seeded, size);
      long seedMs = (System.nanoTime() - seedStarted) / 1_000_000;
      progress.accept(
          "gates: seeded in " + seedMs / 1000 + " s; timing " + GATE_EVALUATIONS + " evaluations");
      results.add(time(now, seeded, seedMs));
    }
    return results;
  }

  private void seed(Instant now, int from, int to) {
    JdbcTemplate db = new JdbcTemplate(stack.dataSource());
    long spread = (long) DAYS * 86_400;
    int batch = 500_000;
    // created_at = now minus a multiplicative hash of g over 30 days: even, and independent of the
    // table's size
    for (int lo = from; lo <= to; lo += batch) {
      int hi = Math.min(to, lo + batch - 1);
      db.update(
          """
          insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version,
                                status, expires_at, created_at, create_outcome, create_latency_ms, paid_amount_minor)
          select 'seed-' || g, 'u' || (g % 100000), 1000, 'CNY', 'game_card',
                 case when g % 4 = 0 then 'nova' else 'legacy' end, 1,
                 case when g % 10 < 8 then 'FULFILLED' else 'CLOSED' end, ?::timestamptz,
                 ?::timestamptz - make_interval(secs => (g::bigint * 2654435761) % ?),
                 case when g % 50 = 0 then 'UNKNOWN' else 'PROCESSED' end, 20 + g % 300,
                 case when g % 10 < 8 then 1000 else 0 end
            from generate_series(?, ?) g
          """,
          Timestamp.from(now), Timestamp.from(now), spread, lo, hi);
      db.update(
          """
          insert into callback_inbox (channel, notify_id, order_id, payload, outcome, received_at, delay_ms)
          select case when g % 4 = 0 then 'nova' else 'legacy' end, 'seed-' || g, 'seed-' || g, '{}'::jsonb,
                 'DELIVERED', ?::timestamptz - make_interval(secs => (g::bigint * 2654435761) % ?), 100 + g % 2000
            from generate_series(?, ?) g where g % 2 = 0
          """,
          Timestamp.from(now), spread, lo, hi);
    }
    db.execute("analyze payments");
    db.execute("analyze callback_inbox");
  }

  private BenchReport.GateEvaluation time(Instant now, int payments, long seedMs) {
    GateStore gates = new GateStore(stack.pooledDataSource());
    MeasureRequest window =
        new MeasureRequest(
            "all",
            "legacy",
            "nova",
            now.minus(Duration.ofMinutes(15)).toEpochMilli(),
            now.toEpochMilli(),
            now.minus(Duration.ofHours(1)).toEpochMilli());
    GateMeasurement warm = gates.measure(window); // the pool's connection and the plans warm up
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < GATE_EVALUATIONS; i++) {
      long started = System.nanoTime();
      gates.measure(window);
      ms.add((System.nanoTime() - started) / 1e6);
    }
    Collections.sort(ms);
    long inWindow =
        warm.newChannel().values().stream().mapToLong(c -> c.samples()).max().orElse(0)
            + warm.oldChannel().values().stream().mapToLong(c -> c.samples()).max().orElse(0);
    return new BenchReport.GateEvaluation(
        payments, payments / 2, inWindow, ms.get(ms.size() / 2), ms.get(ms.size() - 1), seedMs);
  }

  BenchReport.Drill drill() throws InterruptedException {
    progress.accept(
        "drill: a migration legacy → nova under steady traffic, nova degraded at 50%...");
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    MigrationReport r =
        new MigrationDrill(stack, new DemoClient(stack), quiet, "bench-drill")
            .run(MigrationDrill.Scenario.DEGRADED);
    return new BenchReport.Drill(
        r.finalPhase(),
        r.msFromDegradationToRollback(),
        r.targetMsToRollback(),
        r.paymentsRoutedToNewAfterRollback());
  }
}
