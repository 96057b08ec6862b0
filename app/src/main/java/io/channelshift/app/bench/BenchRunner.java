package io.channelshift.app.bench;

import com.sun.management.OperatingSystemMXBean;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.payment.CheckoutRequest;
import io.channelshift.payment.PaymentTiming;
import io.channelshift.payment.ProviderCallback;
import io.channelshift.temporal.TemporalNames;
import io.channelshift.worker.PaymentWorkers;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs N payments through the whole stack and N floor workflows of the same shape through the same
 * test server and worker settings, in one process, and reports the ratio of their throughputs.
 *
 * <p>Longer than most classes here on purpose: the two runs are written side by side so that a
 * reader can check they are measured the same way (warm-up, load, timing), which the ratio depends
 * on.
 */
public final class BenchRunner {

  static final String FLOOR_TASK_QUEUE = "channelshift-bench-floor";

  /**
   * The benchmark's own clients (the platform and the paying users), named so a profile can tell
   * them apart.
   */
  static final String CLIENT_THREADS = "bench-client";

  /** Long enough that no happy-path payment expires under load; the expired sample waits it out. */
  static final PaymentTiming TIMING =
      new PaymentTiming(
          Duration.ofSeconds(20),
          List.of(Duration.ofSeconds(20)),
          Duration.ofMinutes(10),
          Duration.ofMinutes(1));

  private static final long RUN_TIMEOUT_MS = Duration.ofMinutes(10).toMillis();

  private final int payments;
  private final int concurrency;
  private final int warmupRounds;
  private final int measuredRounds;
  private final Consumer<String> progress;

  private final List<Integer> gatePayments;
  private final boolean drill;
  private final long reconcileLines;
  private final Path profileDirectory;

  public BenchRunner(
      int payments,
      int concurrency,
      int warmupRounds,
      int measuredRounds,
      Consumer<String> progress) {
    this(payments, concurrency, warmupRounds, measuredRounds, List.of(), false, 0, null, progress);
  }

  /**
   * @param gatePayments table sizes (payments) at which to time gate evaluations, rising; empty to
   *     skip
   * @param drill whether to run the migration drill and report its time to rollback
   * @param reconcileLines statement lines of the seeded day to reconcile; 0 skips it
   * @param profileDirectory where to write the CPU profiles of one more round of each side, run
   *     after the measured ones and not counted in them; null for none
   */
  public BenchRunner(
      int payments,
      int concurrency,
      int warmupRounds,
      int measuredRounds,
      List<Integer> gatePayments,
      boolean drill,
      long reconcileLines,
      Path profileDirectory,
      Consumer<String> progress) {
    this.profileDirectory = profileDirectory;
    this.gatePayments = List.copyOf(gatePayments);
    this.drill = drill;
    this.reconcileLines = reconcileLines;
    this.payments = payments;
    this.concurrency = concurrency;
    this.warmupRounds = warmupRounds;
    this.measuredRounds = measuredRounds;
    this.progress = progress;
  }

  public BenchReport run() throws IOException, InterruptedException {
    // Loaded before anything runs: a machine that cannot profile says so now, not after the
    // measured rounds.
    CpuProfiler profiler = profileDirectory == null ? null : CpuProfiler.into(profileDirectory);
    Completions completions = new Completions();
    try (WebhookTimer webhooks = new WebhookTimer(completions);
        EmbeddedStack stack =
            EmbeddedStack.start(StackOptions.ephemeral(TIMING).withWebhookUrl(webhooks.url()))) {
      WorkerFactory floorWorkers = WorkerFactory.newInstance(stack.client());
      Worker floor = floorWorkers.newWorker(FLOOR_TASK_QUEUE, PaymentWorkers.OPTIONS);
      floor.registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
      floor.registerActivitiesImplementations(new FloorActivitiesImpl(completions));
      floorWorkers.start();
      try {
        DemoClient api = new DemoClient(stack);
        String expired = "bench-expired";
        api.createPayment(expired, "bench-user-expired", 1000); // expires while the runs go on

        // Until the JIT has compiled the hot paths, compiler threads take much of the CPU, and the
        // stack with more code (HTTP, JSON, JDBC) pays more of it; warm both paths up before
        // anything is measured.
        progress.accept("warming up with " + warmupRounds + " x " + payments + " of each...");
        for (int round = 0; round < warmupRounds; round++) {
          floorRun("warm" + round + "-floor", payments, stack.client(), completions);
          channelShiftRun("warm" + round + "-cs", payments, api, completions);
        }

        // Measured rounds alternate which side goes first, so that whatever the run leaves behind
        // (JIT state, open payments on the test server) weighs on both; the report takes the
        // medians.
        List<BenchReport.Throughput> floors = new ArrayList<>();
        List<BenchReport.Throughput> payments = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        for (int round = 0; round < measuredRounds; round++) {
          progress.accept(
              "round "
                  + (round + 1)
                  + " of "
                  + measuredRounds
                  + ": "
                  + this.payments
                  + " floor workflows and "
                  + this.payments
                  + " payments (REST, sandbox, PostgreSQL, callback, webhook)");
          BenchReport.Throughput f;
          BenchReport.Throughput c;
          if (round % 2 == 0) {
            f = floorRun("floor" + round, this.payments, stack.client(), completions);
            c = channelShiftRun("cs" + round, this.payments, api, completions);
          } else {
            c = channelShiftRun("cs" + round, this.payments, api, completions);
            f = floorRun("floor" + round, this.payments, stack.client(), completions);
          }
          floors.add(f);
          payments.add(c);
          ratios.add(c.paymentsPerSecond() / f.paymentsPerSecond());
          progress.accept(
              String.format(
                  "  floor %.1f/s (%.1f ms CPU each), channelshift %.1f/s (%.1f ms CPU each), "
                      + "ratio %.2f",
                  f.paymentsPerSecond(),
                  f.cpuMsPerPayment(),
                  c.paymentsPerSecond(),
                  c.cpuMsPerPayment(),
                  ratios.get(round)));
        }

        BenchReport.Profile profile =
            profiler == null ? null : profiledRound(profiler, stack.client(), api, completions);

        long happy = historyEvents(stack.client(), "cs0-0");
        api.awaitStatus(expired, Set.of("CLOSED"), Duration.ofMinutes(1));
        long expiredEvents = historyEvents(stack.client(), expired);
        MigrationBench migrations = new MigrationBench(stack, progress);
        BenchReport.Routing routing = migrations.routing();
        BenchReport.Drill drillResult = drill ? migrations.drill() : null;
        List<BenchReport.GateEvaluation> gates = migrations.gates(gatePayments);
        BenchReport.Reconciliation reconciliation =
            reconcileLines > 0
                ? new ReconciliationBench(stack, progress).run(reconcileLines)
                : null;
        return new BenchReport(
            this.payments,
            concurrency,
            measuredRounds,
            median(floors),
            median(payments),
            medianOf(ratios),
            ratios,
            new BenchReport.HistoryEvents(happy, expiredEvents),
            routing,
            gates,
            drillResult,
            reconciliation,
            profile);
      } finally {
        floorWorkers.shutdownNow();
      }
    }
  }

  /**
   * One more round of each side under the CPU profiler, after the measured ones (sampling slows
   * both sides, so it is kept out of them), and its samples per component of the stack, in ms of
   * CPU per payment.
   */
  private BenchReport.Profile profiledRound(
      CpuProfiler profiler, WorkflowClient client, DemoClient api, Completions completions)
      throws InterruptedException {
    progress.accept(
        "profiled round (not counted): "
            + payments
            + " of each, sampling "
            + profiler.event()
            + " time into "
            + profileDirectory);
    floorRun("profiled-floor", payments, client, completions, profiler);
    channelShiftRun("profiled-cs", payments, api, completions, profiler);
    Map<String, Long> floor =
        CpuComponents.samples(profileDirectory.resolve("profiled-floor.collapsed"));
    Map<String, Long> channelShift =
        CpuComponents.samples(profileDirectory.resolve("profiled-cs.collapsed"));
    List<BenchReport.Component> components = new ArrayList<>();
    for (String name : floor.keySet()) {
      components.add(
          new BenchReport.Component(
              name, msPerPayment(floor.get(name)), msPerPayment(channelShift.get(name))));
    }
    return new BenchReport.Profile(profiler.event(), profileDirectory.toString(), components);
  }

  private double msPerPayment(long samples) {
    return Math.round(samples * (double) CpuProfiler.INTERVAL_MS / payments * 100) / 100.0;
  }

  private BenchReport.Throughput floorRun(
      String prefix, int n, WorkflowClient client, Completions completions)
      throws InterruptedException {
    return floorRun(prefix, n, client, completions, null);
  }

  private BenchReport.Throughput floorRun(
      String prefix, int n, WorkflowClient client, Completions completions, CpuProfiler profiler)
      throws InterruptedException {
    return measure(
        prefix,
        n,
        completions,
        profiler,
        orderId -> {
          FloorWorkflow wf =
              client.newWorkflowStub(
                  FloorWorkflow.class,
                  WorkflowOptions.newBuilder()
                      .setWorkflowId("floor-" + orderId)
                      .setTaskQueue(FLOOR_TASK_QUEUE)
                      .setWorkflowIdConflictPolicy(
                          WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                      .build());
          WorkflowClient.executeUpdateWithStart(
              wf::checkout,
              new CheckoutRequest("u", 1000, "CNY"),
              UpdateOptions.<io.channelshift.payment.Checkout>newBuilder()
                  .setWaitForStage(WorkflowUpdateStage.COMPLETED)
                  .build(),
              new WithStartWorkflowOperation<>(wf::run, orderId));
          client
              .newUntypedWorkflowStub("floor-" + orderId)
              .signal(
                  "providerCallback",
                  new ProviderCallback(
                      "N" + orderId, "M", orderId, "T" + orderId, "SUCCESS", 1000, "CNY", null));
        });
  }

  private BenchReport.Throughput channelShiftRun(
      String prefix, int n, DemoClient api, Completions completions) throws InterruptedException {
    return channelShiftRun(prefix, n, api, completions, null);
  }

  private BenchReport.Throughput channelShiftRun(
      String prefix, int n, DemoClient api, Completions completions, CpuProfiler profiler)
      throws InterruptedException {
    return measure(
        prefix,
        n,
        completions,
        profiler,
        orderId -> {
          DemoClient.Reply created = api.createPayment(orderId, "user-" + orderId, 1000);
          if (created.status() != 201) {
            throw new IllegalStateException(
                "payment " + orderId + " not created: " + created.body());
          }
          api.pay(orderId, Map.of());
        });
  }

  /**
   * Runs n payments from the clients and waits for all of them to end; profiles the run when given
   * a profiler.
   */
  private BenchReport.Throughput measure(
      String prefix,
      int n,
      Completions completions,
      CpuProfiler profiler,
      Consumer<String> onePayment)
      throws InterruptedException {
    completions.expect(n);
    Map<String, Long> startedAt = new ConcurrentHashMap<>();
    List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
    AtomicInteger clientNumber = new AtomicInteger();
    ExecutorService clients =
        Executors.newFixedThreadPool(
            concurrency, r -> new Thread(r, CLIENT_THREADS + "-" + clientNumber.incrementAndGet()));
    if (profiler != null) {
      profiler.start();
    }
    long cpuBegin = processCpuNanos();
    long begin = System.nanoTime();
    for (int i = 0; i < n; i++) {
      String orderId = prefix + "-" + i;
      clients.execute(
          () -> {
            startedAt.put(orderId, System.nanoTime());
            try {
              onePayment.accept(orderId);
            } catch (RuntimeException e) {
              failures.add(e);
            }
          });
    }
    clients.shutdown();
    clients.awaitTermination(RUN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    if (!failures.isEmpty()) {
      throw new IllegalStateException(
          failures.size() + " of " + n + " failed; first: " + failures.get(0), failures.get(0));
    }
    if (!completions.await(RUN_TIMEOUT_MS)) {
      throw new IllegalStateException(
          "run " + prefix + ": not every payment reached its end in time");
    }
    if (profiler != null) {
      profiler.stop(prefix);
    }
    List<Long> latencies = new ArrayList<>();
    long end = begin;
    for (Map.Entry<String, Long> e : startedAt.entrySet()) {
      long ended = completions.endedAt(e.getKey());
      end = Math.max(end, ended);
      latencies.add((ended - e.getValue()) / 1_000_000);
    }
    Collections.sort(latencies);
    double seconds = (end - begin) / 1e9;
    double cpuMsPerPayment = (processCpuNanos() - cpuBegin) / 1e6 / n;
    return new BenchReport.Throughput(
        n / seconds, percentile(latencies, 50), percentile(latencies, 99), cpuMsPerPayment);
  }

  /** The run with the median throughput (the upper one of an even count). */
  private static BenchReport.Throughput median(List<BenchReport.Throughput> runs) {
    List<BenchReport.Throughput> sorted = new ArrayList<>(runs);
    sorted.sort(Comparator.comparingDouble(BenchReport.Throughput::paymentsPerSecond));
    return sorted.get(sorted.size() / 2);
  }

  private static double medianOf(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  /**
   * CPU time of this whole process (every thread: test server, worker, REST, sandboxes, JIT, GC),
   * which on a saturated machine is what throughput trades against. The embedded PostgreSQL runs in
   * its own processes.
   */
  private static long processCpuNanos() {
    return ((OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static long percentile(List<Long> sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
    return sorted.get(Math.max(0, index));
  }

  private static long historyEvents(WorkflowClient client, String orderId) {
    return client
        .fetchHistory(TemporalNames.paymentWorkflowId(orderId))
        .getHistory()
        .getEventsCount();
  }
}
