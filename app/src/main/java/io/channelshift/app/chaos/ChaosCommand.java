package io.channelshift.app.chaos;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./channelshift chaos}: the fault drills, measured, with every invariant checked from the
 * database.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    description =
        "Run fault drills (worker kill -9, PostgreSQL restart, provider faults, callback chaos, the "
            + "migration with the worker killed mid-step and mid-rollback) under steady payment load, the worker as its "
            + "own process; check every invariant from the database.")
public final class ChaosCommand implements Callable<Integer> {

  @Option(
      names = "--drills",
      split = ",",
      paramLabel = "ID,...",
      defaultValue = "worker-kill,postgres-restart,provider-faults,callback-chaos,migration-kill",
      description = "which drills, in order (default: all)")
  List<String> drills = new ArrayList<>();

  @Option(
      names = "--heavy",
      description = "the long versions: twice the load, a minute of provider outage")
  boolean heavy;

  @Option(names = "--report", paramLabel = "FILE", description = "also write the results as JSON")
  File report;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    List<DrillResult> results = Chaos.run(drills, heavy, Path.of("target", "chaos"), System.out);
    ChaosRunner.print(results, System.out);
    boolean ok = results.stream().allMatch(DrillResult::ok);
    if (report != null) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("heavy", heavy);
      json.put("drills", results);
      json.put("ok", ok);
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report, json);
      System.out.println("Report written to " + report);
    }
    System.out.printf(
        "%nChaos drills %s in %d s (worker log: target/chaos/worker.log).%n",
        ok ? "passed" : "FAILED", (System.nanoTime() - started) / 1_000_000_000);
    return ok ? 0 : 1;
  }
}
