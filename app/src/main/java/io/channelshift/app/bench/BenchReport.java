package io.channelshift.app.bench;

/**
 * The benchmark's result, in the shape the README documents.
 *
 * @param ratio channelshift payments per second over the floor's, measured in the same process and run
 */
public record BenchReport(
    int payments, int concurrency, Throughput floor, Throughput channelshift, double ratio, HistoryEvents historyEvents) {

  /** Payments per second and start-to-terminal latency percentiles of one run. */
  public record Throughput(double paymentsPerSecond, long p50Ms, long p99Ms) {}

  /** History size of one happy-path payment (when fulfilled) and of one expired payment (when closed). */
  public record HistoryEvents(long happyPath, long expired) {}
}
