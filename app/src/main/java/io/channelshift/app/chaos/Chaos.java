package io.channelshift.app.chaos;

import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Starts the drill stack (the worker as its own process, PostgreSQL restartable), runs the drills,
 * stops it.
 */
public final class Chaos {

  /** Every drill, in the order they run. */
  public static final Map<String, Drill> DRILLS =
      List.of(
              new WorkerKillDrill(),
              new PostgresRestartDrill(),
              new ProviderFaultsDrill(),
              new CallbackChaosDrill(),
              new MigrationKillDrill())
          .stream()
          .collect(
              Collectors.toMap(
                  Drill::id, Function.identity(), (a, b) -> a, java.util.LinkedHashMap::new));

  private Chaos() {}

  /**
   * @param drillIds which drills (ids of {@link #DRILLS}), in the order given
   * @param heavy the long versions (a minute of outage, twice the load)
   * @param logs where the worker process writes its log
   */
  public static List<DrillResult> run(
      List<String> drillIds, boolean heavy, Path logs, PrintStream out) throws Exception {
    for (String id : drillIds) {
      if (!DRILLS.containsKey(id)) {
        throw new IllegalArgumentException(
            "no drill " + id + " (drills: " + String.join(", ", DRILLS.keySet()) + ")");
      }
    }
    out.println(
        "Starting Temporal, PostgreSQL, the sandboxes and the starter here, and the worker as its own "
            + "process...");
    try (EmbeddedStack stack =
        EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING).withExternalWorker())) {
      Map<String, String> workerSettings = new java.util.LinkedHashMap<>(stack.workerProperties());
      // The test server never moves a task off a dead worker's sticky queue, as a cluster does: see
      // NoStickyExecution.
      workerSettings.put("channelshift.temporal.sticky-execution", "false");
      WorkerProcess worker = new WorkerProcess(workerSettings, logs);
      worker.start();
      try {
        ChaosRunner runner = new ChaosRunner(stack, worker, heavy, out);
        runner.awaitWorker(Duration.ofSeconds(90));
        List<DrillResult> results = new ArrayList<>();
        for (String id : drillIds) {
          results.add(runner.run(DRILLS.get(id)));
        }
        return results;
      } finally {
        worker.stop();
      }
    }
  }
}
