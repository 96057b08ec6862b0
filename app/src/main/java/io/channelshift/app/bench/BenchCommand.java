package io.channelshift.app.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./channelshift bench}: ChannelShift's throughput as a ratio of a no-op floor's, in one
 * process.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description =
        "Measure payments per second against a floor workflow of the same shape, in one run.")
public final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--payments",
      defaultValue = "500",
      description = "payments per run (default: ${DEFAULT-VALUE})")
  int payments;

  @Option(
      names = "--concurrency",
      defaultValue = "16",
      description = "concurrent clients (default: ${DEFAULT-VALUE})")
  int concurrency;

  @Option(
      names = "--warmup",
      defaultValue = "2",
      description =
          "unmeasured rounds of each before the measured ones (default: ${DEFAULT-VALUE})")
  int warmupRounds;

  @Option(
      names = "--rounds",
      defaultValue = "3",
      description =
          "measured rounds of each, alternating which goes first; medians are reported (default: ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--report", paramLabel = "FILE", description = "also write the results as JSON")
  File report;

  @Option(
      names = "--gate-payments",
      defaultValue = "1000000,10000000",
      split = ",",
      description =
          "table sizes (payments) at which to time gate evaluations, rising; 0 skips them "
              + "(default: ${DEFAULT-VALUE})")
  List<Integer> gatePayments;

  @Option(
      names = "--no-drill",
      description = "skip the migration drill's time-to-rollback measurement")
  boolean noDrill;

  @Option(
      names = "--reconcile-lines",
      defaultValue = "1000000",
      description =
          "statement lines of the seeded day to reconcile; 0 skips it (default: ${DEFAULT-VALUE})")
  long reconcileLines;

  @Option(
      names = "--profile",
      paramLabel = "DIR",
      description =
          "after the measured rounds, profile one more round of each side (async-profiler) and show "
              + "where the CPU goes; the stacks are written to DIR")
  File profile;

  @Override
  public Integer call() throws Exception {
    gatePayments = gatePayments.stream().filter(n -> n != 0).toList();
    if (payments < 1
        || concurrency < 1
        || warmupRounds < 0
        || rounds < 1
        || reconcileLines < 0
        || gatePayments.stream().anyMatch(n -> n < 0)) {
      System.err.println(
          "--payments, --concurrency and --rounds must be at least 1, --warmup, --gate-payments and "
              + "--reconcile-lines at least 0");
      return 64;
    }
    System.setProperty("channelshift.log.level", "WARN");
    System.out.println("ChannelShift bench: starting the embedded stack...");
    BenchReport r;
    try {
      r =
          new BenchRunner(
                  payments,
                  concurrency,
                  warmupRounds,
                  rounds,
                  gatePayments,
                  !noDrill,
                  reconcileLines,
                  profile == null ? null : profile.toPath(),
                  line -> System.out.println("  " + line))
              .run();
    } catch (IOException e) {
      System.err.println("bench: " + e.getMessage());
      return 1;
    }
    System.out.printf(
        "%nmedian rounds:%n%-14s %10s %8s %8s %14s%n",
        "run", "payments/s", "p50 ms", "p99 ms", "CPU ms/payment");
    row("floor", r.floor());
    row("channelshift", r.channelshift());
    System.out.printf(
        "%nratio channelshift/floor: %.2f, the median of %s (target >= 0.80)%n",
        r.ratio(), r.roundRatios().stream().map(x -> String.format("%.2f", x)).toList());
    System.out.printf(
        "history events: happy path %d (target <= 25), expired %d%n",
        r.historyEvents().happyPath(), r.historyEvents().expired());
    if (r.profile() != null) {
      printProfile(r.profile());
    }
    System.out.printf(
        "routing decision: %.0f ns from the cache, %.0f ns reading the table (%.0fx)%n",
        r.routing().cachedNsPerDecision(),
        r.routing().databaseNsPerDecision(),
        r.routing().databaseOverCached());
    for (BenchReport.GateEvaluation g : r.gateEvaluations()) {
      System.out.printf(
          "gate evaluation over %,d payments and %,d callbacks (%,d payments in the window): "
              + "median %.1f ms, max %.1f ms (target <= 100 ms at 10M)%n",
          g.payments(), g.callbacks(), g.paymentsInWindow(), g.medianMs(), g.maxMs());
    }
    if (r.drill() != null) {
      System.out.printf(
          "drill: %s, %s ms from degradation to routing restored (target <= %d ms), %d payments "
              + "routed to nova after the rollback%n",
          r.drill().finalPhase(),
          r.drill().msFromDegradationToRollback(),
          r.drill().targetMs(),
          r.drill().paymentsRoutedToNewAfterRollback());
    }
    if (r.reconciliation() != null) {
      BenchReport.Reconciliation rec = r.reconciliation();
      System.out.printf(
          "reconciliation of a seeded day of %,d lines: %.1f s (%,.0f lines/s); floor (fetch and stage "
              + "only) %.1f s, ratio floor/run %.2f; %s; heap %d MB before, %d MB at most during it (limit %d MB)%n",
          rec.lines(),
          rec.runMs() / 1000.0,
          rec.lines() * 1000.0 / rec.runMs(),
          rec.floorMs() / 1000.0,
          rec.floorOverRun(),
          rec.correct()
              ? "found exactly the seeded differences " + rec.found()
              : "DID NOT find the seeded differences: " + rec.found(),
          rec.heapBaselineMb(),
          rec.heapPeakMb(),
          rec.heapMaxMb());
    }
    if (report != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report, r);
      System.out.println("Report written to " + report);
    }
    return 0;
  }

  private static void printProfile(BenchReport.Profile p) {
    System.out.printf(
        "%nwhere the CPU goes (profiled round, %s samples; ms per payment; stacks in %s):%n",
        p.event(), p.directory());
    System.out.printf("%-70s %7s %13s %7s%n", "part of the stack", "floor", "channelshift", "more");
    double floor = 0;
    double channelShift = 0;
    for (BenchReport.Component c : p.components()) {
      System.out.printf(
          "%-70s %7.2f %13.2f %7.2f%n",
          c.name(),
          c.floorMsPerPayment(),
          c.channelshiftMsPerPayment(),
          c.channelshiftMsPerPayment() - c.floorMsPerPayment());
      floor += c.floorMsPerPayment();
      channelShift += c.channelshiftMsPerPayment();
    }
    System.out.printf(
        "%-70s %7.2f %13.2f %7.2f%n", "total", floor, channelShift, channelShift - floor);
  }

  private static void row(String name, BenchReport.Throughput t) {
    System.out.printf(
        "%-14s %10.1f %8d %8d %14.1f%n",
        name, t.paymentsPerSecond(), t.p50Ms(), t.p99Ms(), t.cpuMsPerPayment());
  }
}
