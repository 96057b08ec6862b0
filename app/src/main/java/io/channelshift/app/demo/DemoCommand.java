package io.channelshift.app.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.channelshift.app.demo.html.DemoReportHtml;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.store.InvariantChecks;
import java.io.File;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./channelshift demo}: the payment scenarios on the embedded stack, as a table; exit 0 only
 * if all hold.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Drive payments through the embedded stack and check each scenario and the invariants.")
public final class DemoCommand implements Callable<Integer> {

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "also write the results as JSON, and FILE.html: the drill's ramp and gates as charts")
  File report;

  @Option(
      names = "--scenario",
      defaultValue = "degraded",
      paramLabel = "degraded|healthy",
      description =
          "the migration drill: nova degrades mid-ramp and the migration rolls back (degraded), or it "
              + "stays healthy and the migration completes (healthy); default: ${DEFAULT-VALUE}")
  String scenario;

  @Option(names = "--no-drill", description = "run the payment scenarios only")
  boolean noDrill;

  @Override
  public Integer call() throws Exception {
    MigrationDrill.Scenario drill;
    try {
      drill = MigrationDrill.Scenario.valueOf(scenario.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      System.err.println("--scenario must be degraded or healthy, not " + scenario);
      return 64;
    }
    System.setProperty("channelshift.log.level", "WARN");
    // The drills take a provider down on purpose: each retried call would print a stack trace.
    System.setProperty("channelshift.drill.log.level", "ERROR");
    long started = System.nanoTime();
    Instant runAt = Instant.now();
    System.out.println(
        "ChannelShift demo: starting the embedded stack (Temporal, PostgreSQL, sandboxes)...");
    DemoReport result;
    try (EmbeddedStack stack =
        EmbeddedStack.start(
            StackOptions.ephemeral(DemoScenarios.TIMING)
                .withProperties(OutageDrill.HEALTH_SETTINGS))) {
      System.out.println(
          "REST API "
              + stack.apiBaseUrl()
              + "; the demo calls it with the local keys "
              + DevKeys.PLATFORM
              + " (payments), "
              + DevKeys.ENGINEER
              + " (migrations), "
              + DevKeys.OPS
              + " (reads): Authorization: Bearer <key>");
      DemoClient client = new DemoClient(stack);
      // The scope's health workflow waits until the outage drill: the scenarios' refused and
      // declined payments must not fail the scope over under them.
      client.holdScope("all", "demo scenarios first", "demo");
      DemoScenarios scenarios = new DemoScenarios(client, stack.dataSource(), "demo");
      List<ScenarioResult> results = new ArrayList<>();
      List<DemoScenarios.Scenario> all = scenarios.all();
      for (int i = 0; i < all.size(); i++) {
        ScenarioResult r = all.get(i).run().get();
        System.out.printf(
            "  [%d/%d] %-45s %s%n", i + 1, all.size(), r.name(), r.ok() ? "ok" : "FAILED");
        results.add(r);
      }
      MigrationReport migration = null;
      OutageReport outage = null;
      DrainReport drain = null;
      if (!noDrill) {
        System.out.printf(
            "%nMigration drill (%s): steady payments while legacy → nova ramps up...%n",
            drill.name().toLowerCase(Locale.ROOT));
        migration = new MigrationDrill(stack, client, System.out, "drill").run(drill);
        System.out.printf(
            "%nOutage drill: steady payments on legacy (backup nova) while legacy goes down...%n");
        outage = new OutageDrill(stack, client, System.out, "outage").run();
        System.out.printf(
            "%nDrain drill: legacy drained with payments in flight and in after-sales...%n");
        drain = new DrainDrill(client, System.out, "drain").run();
      }
      Map<String, Long> invariants = new InvariantChecks(stack.dataSource()).violations();
      result =
          new DemoReport(results, invariants, migration, outage, drain, noDrill ? null : drill);
    }
    DemoTable.print(result, System.out);
    if (result.migration() != null) {
      DrillTable.print(result.migration(), result.drill(), System.out);
    }
    if (result.failover() != null) {
      ChannelDrillTable.print(result.failover(), result.drain(), System.out);
    }
    System.out.printf(
        "%nDemo %s in %d s.%n",
        result.ok() ? "passed" : "FAILED", (System.nanoTime() - started) / 1_000_000_000);
    if (report != null) {
      new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(report, result);
      Path html = DemoReportHtml.writeBeside(report.toPath(), result, runAt);
      System.out.println("Report written to " + report + " and " + html);
    }
    return result.ok() ? 0 : 1;
  }
}
