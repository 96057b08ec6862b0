package io.channelshift.app.bench;

import java.util.List;
import java.util.Map;

/**
 * The benchmark's result, in the shape docs/performance.md documents.
 *
 * @param floor the floor's median round
 * @param channelshift ChannelShift's median round
 * @param ratio the median over rounds of channelshift payments per second over the floor's in the
 *     same round
 * @param roundRatios that ratio, round by round
 */
public record BenchReport(
    int payments,
    int concurrency,
    int rounds,
    Throughput floor,
    Throughput channelshift,
    double ratio,
    List<Double> roundRatios,
    HistoryEvents historyEvents,
    Routing routing,
    List<GateEvaluation> gateEvaluations,
    Drill drill,
    Reconciliation reconciliation,
    Profile profile) {

  /**
   * Where the CPU went in one more round of each side, run under async-profiler after the measured
   * ones.
   *
   * @param event what was sampled: {@code cpu} (perf events) or {@code itimer} (the CPU timer)
   * @param directory where each side's stacks were written ({@code profiled-floor.collapsed},
   *     {@code profiled-cs.collapsed}), for a flame graph or a closer look
   */
  public record Profile(String event, String directory, List<Component> components) {}

  /**
   * One part of the stack (by the threads it runs on) and its CPU per payment on each side, in ms.
   */
  public record Component(String name, double floorMsPerPayment, double channelshiftMsPerPayment) {}

  /**
   * A seeded day reconciled end to end, against the floor of fetching and staging the same lines
   * alone.
   *
   * @param floorOverRun floor time over the reconciliation's time (1.0 = matching and recording
   *     cost nothing)
   * @param found open discrepancies per kind; {@code correct} when they, the matched count and the
   *     line count are exactly what was seeded
   * @param heapBaselineMb heap in use after a collection before the run; {@code heapPeakMb} the
   *     most sampled during it (every 100 ms); {@code heapMaxMb} the JVM's limit
   */
  public record Reconciliation(
      long lines,
      long seedMs,
      long floorLines,
      long floorMs,
      long runMs,
      double floorOverRun,
      long matched,
      Map<String, Long> found,
      boolean correct,
      long heapBaselineMb,
      long heapPeakMb,
      long heapMaxMb) {}

  /**
   * Nanoseconds per routing decision from the in-memory cache and with a table read per decision.
   */
  public record Routing(
      double cachedNsPerDecision, double databaseNsPerDecision, double databaseOverCached) {}

  /**
   * One gate evaluation (both channels, every gate, a 15-minute window) over this many seeded rows.
   *
   * @param paymentsInWindow the window's payments on both channels (its share of the 30 days)
   * @param seedMs how long growing the table to this size took
   */
  public record GateEvaluation(
      long payments,
      long callbacks,
      long paymentsInWindow,
      double medianMs,
      double maxMs,
      long seedMs) {}

  /** The drill's time from nova's degradation to the rollback's routing table, and its target. */
  public record Drill(
      String finalPhase,
      Long msFromDegradationToRollback,
      long targetMs,
      long paymentsRoutedToNewAfterRollback) {}

  /**
   * Payments per second, start-to-terminal latency percentiles, and the process CPU time the run
   * took per payment (less noisy than throughput on a shared machine, and it shows where a
   * throughput gap comes from).
   */
  public record Throughput(
      double paymentsPerSecond, long p50Ms, long p99Ms, double cpuMsPerPayment) {}

  /**
   * History size of one happy-path payment (when fulfilled) and of one expired payment (when
   * closed).
   */
  public record HistoryEvents(long happyPath, long expired) {}
}
