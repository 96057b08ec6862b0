package io.channelshift.app.chaos;

import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.PaymentLoad;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.store.InvariantChecks;
import io.channelshift.temporal.TemporalNames;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Runs drills one after the other on one stack whose worker is a process of its own: for each,
 * steady payment load, the fault in the middle of it, then the load stops, every payment is given
 * time to end, and the ledger is asked what became of each one.
 */
public final class ChaosRunner {

  private static final List<String> TERMINAL =
      List.of(
          "FULFILLED", "CLOSED", "FAILED", "REJECTED", "REFUNDED", "PARTIALLY_REFUNDED", "ANOMALY");

  private final EmbeddedStack stack;
  private final WorkerProcess worker;
  private final DemoClient api;
  private final JdbcTemplate db;
  private final boolean heavy;
  private final PrintStream out;

  ChaosRunner(EmbeddedStack stack, WorkerProcess worker, boolean heavy, PrintStream out) {
    this.stack = stack;
    this.worker = worker;
    this.api = new DemoClient(stack);
    this.db = new JdbcTemplate(stack.dataSource());
    this.heavy = heavy;
    this.out = out;
  }

  /** Waits until the worker takes payments (a first payment reaches its pay URL). */
  void awaitWorker(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    int attempt = 0;
    while (System.nanoTime() < deadline) {
      if (api.createPayment("chaos-warmup-" + attempt++, "warmup", 100).status() == 201) {
        return;
      }
    }
    throw new IllegalStateException(
        "the worker process did not take payments within " + timeout + "; see " + worker.log());
  }

  DrillResult run(Drill drill) throws Exception {
    int rate = heavy ? 20 : 10;
    String prefix = "chaos-" + drill.id();
    PaymentLoad load = new PaymentLoad(api, prefix, rate);
    Map<String, Object> notes = new LinkedHashMap<>();
    Map<String, Long> checks = new LinkedHashMap<>();
    ChaosContext context = new ChaosContext(stack, api, worker, load, heavy, notes, checks);
    out.printf("  %-18s %d payments/s ...%n", drill.id(), rate);
    load.start();
    String injected;
    try {
      context.sleep(heavy ? 10_000 : 4_000);
      injected = drill.inject(context);
      context.sleep(heavy ? 10_000 : 4_000);
    } finally {
      load.stop();
    }
    Set<String> started = settle(prefix, load.accepted(), Duration.ofSeconds(heavy ? 180 : 60));
    Map<String, String> statusById = statuses(prefix);
    int terminal =
        (int) started.stream().filter(id -> TERMINAL.contains(statusById.get(id))).count();
    Map<String, Long> invariants =
        new LinkedHashMap<>(new InvariantChecks(stack.dataSource()).violations());
    invariants.putAll(checks);
    long duplicated =
        invariants.getOrDefault("ordersPaidTwice", 0L)
            + invariants.getOrDefault("callbacksAppliedTwice", 0L);
    started.stream()
        .filter(id -> !TERMINAL.contains(statusById.get(id)))
        .sorted()
        .limit(10)
        .forEach(id -> notes.put("notEnded:" + id, statusById.get(id) + "; " + workflowState(id)));
    notes.put("requestsRefused", load.refused());
    notes.put("workerStarts", worker.starts());
    return new DrillResult(
        drill.id(),
        rate + "/s for about " + (heavy ? 20 : 8) + " s plus the fault",
        injected,
        load.requested(),
        started.size(),
        terminal,
        started.size() - terminal,
        duplicated,
        invariants,
        notes);
  }

  /**
   * Every payment of the drill: answered 201, or recorded by the worker though its answer was lost.
   * Waits until all of them are terminal, or the deadline.
   */
  private Set<String> settle(String prefix, Set<String> accepted, Duration deadline)
      throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    while (true) {
      Map<String, String> statuses = statuses(prefix);
      Set<String> all = new HashSet<>(accepted);
      all.addAll(statuses.keySet());
      boolean done = all.stream().allMatch(id -> TERMINAL.contains(statuses.get(id)));
      if (done || System.nanoTime() > end) {
        return all;
      }
      Thread.sleep(500);
    }
  }

  /**
   * Where a payment's workflow stands, for a payment that did not end: its status and its last
   * events.
   */
  private String workflowState(String orderId) {
    try {
      String id = TemporalNames.paymentWorkflowId(orderId);
      var history = stack.client().fetchHistory(id).getHistory().getEventsList();
      var last =
          history.subList(Math.max(0, history.size() - 4), history.size()).stream()
              .map(e -> e.getEventType().name().replace("EVENT_TYPE_", ""))
              .toList();
      String waitingOn =
          history.stream()
              .filter(e -> e.hasWorkflowTaskScheduledEventAttributes())
              .reduce((a, b) -> b)
              .map(e -> e.getWorkflowTaskScheduledEventAttributes().getTaskQueue())
              .map(
                  q ->
                      ", last workflow task on "
                          + q.getKind().name().replace("TASK_QUEUE_KIND_", "")
                          + " queue "
                          + q.getName())
              .orElse("");
      return "workflow "
          + stack.client().newUntypedWorkflowStub(id).describe().getStatus()
          + ", last events "
          + last
          + waitingOn;
    } catch (RuntimeException e) {
      return "workflow not readable: " + e.getClass().getSimpleName();
    }
  }

  private Map<String, String> statuses(String prefix) {
    Map<String, String> byId = new LinkedHashMap<>();
    db.query(
        "select order_id, status from payments where order_id like ?",
        rs -> {
          byId.put(rs.getString(1), rs.getString(2));
        },
        prefix + "-%");
    return byId;
  }

  /** The results as a table: one line per drill, then each drill's invariants and notes. */
  static void print(List<DrillResult> results, PrintStream out) {
    out.printf(
        "%n%-18s | %-6s | %-7s | %-8s | %-4s | %-10s | %-10s | %s%n",
        "drill", "asked", "started", "terminal", "lost", "duplicated", "invariants", "injected");
    for (DrillResult r : results) {
      boolean invariantsHold = r.invariants().values().stream().allMatch(v -> v == 0);
      out.printf(
          "%-18s | %6d | %7d | %8d | %4d | %10d | %-10s | %s%n",
          r.drill(),
          r.requested(),
          r.started(),
          r.terminal(),
          r.lost(),
          r.duplicated(),
          invariantsHold ? "all hold" : "VIOLATED",
          r.injected());
    }
    for (DrillResult r : results) {
      List<String> broken = new ArrayList<>();
      r.invariants()
          .forEach(
              (name, count) -> {
                if (count != 0) {
                  broken.add(name + "=" + count);
                }
              });
      out.printf(
          "  %s: %s; %s%n",
          r.drill(), broken.isEmpty() ? "invariants hold" : "violated " + broken, r.notes());
    }
  }
}
