package io.channelshift.app.bench;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.fees.ChannelFees;
import io.channelshift.provider.StatementReader;
import io.channelshift.provider.sandbox.SandboxChannelSettings;
import io.channelshift.provider.sandbox.SandboxProvider;
import io.channelshift.reconciliation.StatementLine;
import io.channelshift.sandbox.SyntheticStatement;
import io.channelshift.store.ReconciliationStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A seeded day of many statement lines reconciled end to end (the workflow, the sandbox's statement
 * over HTTP page by page, staging, matching in PostgreSQL), against a floor in the same process:
 * the same lines fetched and staged with nothing else. The ledger is seeded with the same payments,
 * less a known set of differences, so the run must find exactly those. Heap use is sampled
 * throughout: it must not grow with the size of the day.
 */
final class ReconciliationBench {

  /** A day no test or demo touches, so the seeded day is the only thing on it. */
  static final LocalDate DAY = LocalDate.of(2025, 1, 15);

  /** What the seeding below makes differ; the run must report exactly these. */
  static final Map<String, Long> EXPECTED =
      Map.of(
          "AMOUNT_MISMATCH",
          3L,
          "PROVIDER_PAID_UNKNOWN",
          2L,
          "FEE_MISMATCH",
          1L,
          "LEDGER_PAID_MISSING",
          2L);

  private static final int PAGE = 5_000;

  private final EmbeddedStack stack;
  private final Consumer<String> progress;
  private final JdbcTemplate db;

  ReconciliationBench(EmbeddedStack stack, Consumer<String> progress) {
    this.stack = stack;
    this.progress = progress;
    this.db = new JdbcTemplate(stack.pooledDataSource());
  }

  BenchReport.Reconciliation run(long lines) throws InterruptedException {
    String channel = EmbeddedStack.LEGACY;
    long feeBps = EmbeddedStack.FEES.get(channel).rateBps();
    progress.accept(
        String.format(
            "reconciliation: seeding a day of %,d statement lines and the same ledger...", lines));
    DemoClient api = new DemoClient(stack);
    long seedStart = System.nanoTime();
    api.seedSyntheticDay(channel, DAY.toString(), lines);
    seedLedger(channel, lines, feeBps);
    long seedMs = ms(seedStart);

    progress.accept("reconciliation: floor (fetch every page and stage it, nothing else)...");
    long floorStart = System.nanoTime();
    long floorLines = floor(channel);
    long floorMs = ms(floorStart);

    progress.accept(
        "reconciliation: the day through the workflow (fetch, stage, match, record)...");
    HeapSampler heap = new HeapSampler();
    heap.start();
    long start = System.nanoTime();
    DemoClient.Reply started = api.reconcile(channel, DAY.toString());
    if (started.status() != 202) {
      throw new IllegalStateException("the reconciliation did not start: " + started);
    }
    DemoClient.Reply done =
        api.awaitReconciliation(channel, DAY.toString(), Duration.ofMinutes(30));
    long runMs = ms(start);
    heap.stop();

    var run = done.body().path("report").path("run");
    Map<String, Long> found = new TreeMap<>();
    done.body()
        .path("report")
        .path("counts")
        .fields()
        .forEachRemaining(kind -> found.put(kind.getKey(), kind.getValue().path("OPEN").asLong()));
    boolean correct =
        found.equals(new TreeMap<>(EXPECTED))
            && run.path("matched").asLong() == lines - 6
            && run.path("statementLines").asLong() == lines;
    progress.accept(
        String.format(
            "reconciliation: %,d lines in %.1f s (%,.0f lines/s), floor %.1f s, found %s%s",
            lines,
            runMs / 1000.0,
            lines * 1000.0 / runMs,
            floorMs / 1000.0,
            found,
            correct ? "" : " (NOT as seeded)"));
    return new BenchReport.Reconciliation(
        lines,
        seedMs,
        floorLines,
        floorMs,
        runMs,
        (double) floorMs / runMs,
        run.path("matched").asLong(),
        found,
        correct,
        heap.baselineMb(),
        heap.peakMb(),
        Runtime.getRuntime().maxMemory() / (1024 * 1024));
  }

  /**
   * The ledger of the day as the sandbox's synthetic statement has it ({@link SyntheticStatement},
   * same formulas in SQL), then the differences: three amounts off by a fen, two payments we never
   * recorded, one fee off, two payments only we have.
   */
  private void seedLedger(String channel, long lines, long feeBps) {
    db.update("delete from ledger_entries where order_id like ?", "bench-" + DAY + "-%");
    db.update("delete from payments where order_id like ?", "bench-" + DAY + "-%");
    Timestamp dayStart = Timestamp.from(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
    String prefix = channel.toUpperCase() + "S" + DAY.toString().replace("-", "");
    db.update(
        """
        insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version,
                              status, trade_no, expires_at, paid_amount_minor, paid_at, fee_minor, settlement_date,
                              created_at, updated_at)
        select 'bench-' || ?::text || '-' || i, 'bench-user', 100 + (i * 7919) % 99900, 'CNY', 'game_card', ?, 1,
               'FULFILLED', ? || lpad(i::text, 9, '0'), ?::timestamptz, 100 + (i * 7919) % 99900,
               ?::timestamptz + make_interval(secs => (i * 86000000 / ?) / 1000.0),
               ((100 + (i * 7919) % 99900) * ? + 5000) / 10000, ?::date + 1, ?::timestamptz, ?::timestamptz
        from generate_series(1, ?::bigint) as i
        """,
        DAY.toString(),
        channel,
        prefix,
        dayStart,
        dayStart,
        lines,
        feeBps,
        DAY.toString(),
        dayStart,
        dayStart,
        lines);
    db.update(
        """
        insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, fee_minor,
                                    created_at)
        select order_id, 'PAYMENT', order_id, amount_minor, currency, channel, fee_minor, paid_at
        from payments where order_id like ?
        """,
        "bench-" + DAY + "-%");
    for (long i : new long[] {lines / 4, lines / 2, lines * 3 / 4}) {
      db.update(
          "update ledger_entries set amount_minor = amount_minor + 1 where order_id = ?",
          orderId(i));
    }
    for (long i : new long[] {10, 20}) {
      db.update("delete from ledger_entries where order_id = ?", orderId(i));
      db.update("delete from payments where order_id = ?", orderId(i));
    }
    db.update(
        "update ledger_entries set fee_minor = fee_minor + 1 where order_id = ?", orderId(30));
    for (int extra = 1; extra <= 2; extra++) {
      String id = "bench-" + DAY + "-extra-" + extra;
      db.update(
          """
          insert into payments (order_id, user_id, amount_minor, currency, product_type, channel, routing_version,
                                status, trade_no, expires_at, paid_amount_minor, paid_at, fee_minor)
          values (?, 'bench-user', 1000, 'CNY', 'game_card', ?, 1, 'FULFILLED', ?, ?, 1000, ?, 6)
          """,
          id,
          channel,
          "EXTRA" + extra,
          dayStart,
          new Timestamp(dayStart.getTime() + 3_600_000L));
      db.update(
          "insert into ledger_entries (order_id, entry_type, reference, amount_minor, currency, channel, "
              + "fee_minor) values (?, 'PAYMENT', ?, 1000, 'CNY', ?, 6)",
          id,
          id,
          channel);
    }
    db.execute("analyze payments");
    db.execute("analyze ledger_entries");
  }

  /** Every page fetched from the sandbox and staged (under another channel name), nothing else. */
  private long floor(String channel) {
    ReconciliationStore store = new ReconciliationStore(stack.pooledDataSource(), ChannelFees.NONE);
    String floorChannel = "bench-floor";
    SandboxProvider provider =
        new SandboxProvider(
            new SandboxChannelSettings(
                channel,
                stack.sandbox(channel).baseUrl(),
                EmbeddedStack.LEGACY_MERCHANT,
                stack.sandboxSecret(channel),
                "unused",
                Duration.ofSeconds(2),
                Duration.ofSeconds(30)),
            (c, nonce) -> true,
            Clock.systemUTC());
    long staged = 0;
    store.startRun(floorChannel, DAY);
    try (StatementReader reader = provider.openStatement(DAY, 0)) {
      for (List<StatementLine> page = reader.next(PAGE);
          !page.isEmpty();
          page = reader.next(PAGE)) {
        store.stage(floorChannel, DAY, page);
        staged += page.size();
      }
    }
    db.update("delete from statement_lines where channel = ?", floorChannel);
    db.update("delete from reconciliation_runs where channel = ?", floorChannel);
    return staged;
  }

  private static String orderId(long i) {
    return SyntheticStatement.orderId(DAY, i);
  }

  private static long ms(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Samples the heap in use every 100 ms; the baseline is taken after a full collection. */
  private static final class HeapSampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final AtomicLong peak = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private long baseline;
    private Thread thread;

    void start() {
      System.gc();
      baseline = used();
      thread =
          new Thread(
              () -> {
                while (running.get()) {
                  peak.accumulateAndGet(used(), Math::max);
                  try {
                    Thread.sleep(100);
                  } catch (InterruptedException e) {
                    return;
                  }
                }
              },
              "bench-heap-sampler");
      thread.setDaemon(true);
      thread.start();
    }

    void stop() throws InterruptedException {
      running.set(false);
      thread.join();
    }

    private long used() {
      return memory.getHeapMemoryUsage().getUsed();
    }

    long baselineMb() {
      return baseline / (1024 * 1024);
    }

    long peakMb() {
      return peak.get() / (1024 * 1024);
    }
  }
}
