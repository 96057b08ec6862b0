package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift routes}: the routing table in force, per scope; {@code routes backups} names
 * a scope's backup channels.
 */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description =
        "Show the routing table in force: channel weights per scope, version, the channel ramping"
            + " up, the backup channels.",
    subcommands = RouteBackupsCommand.class)
public final class RoutesCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Option(names = "--json", description = "print the API's JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return CliOutput.printOrRender(
        api.client().get("/api/routes"), json, spec, RoutesCommand::render);
  }

  static String render(JsonNode routes) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%-14s %8s  %-32s %-10s %s%n",
            "scope", "version", "weights (bps)", "ramping", "backups (in order)"));
    for (JsonNode t : routes.path("tables")) {
      s.append(line(t));
    }
    s.append(String.format("%nchannels that can be chosen: %s%n", routes.path("channels")));
    s.append(
        routes.path("listening").asBoolean()
            ? String.format(
                "this starter routes by version %d (follows changes as they are written)%n",
                routes.path("cachedVersion").asLong())
            : "this starter lost its notification connection: it reads the table from the database per payment\n");
    return s.toString();
  }

  /** One table as a line of the routes table. */
  static String line(JsonNode t) {
    List<String> weights = new ArrayList<>();
    t.path("weightsBps")
        .fields()
        .forEachRemaining(e -> weights.add(e.getKey() + " " + e.getValue().asInt()));
    List<String> backups = new ArrayList<>();
    t.path("backups").forEach(b -> backups.add(b.asText()));
    return TerminalText.safe(
            String.format(
                "%-14s %8d  %-32s %-10s %s",
                t.path("scope").asText(),
                t.path("version").asLong(),
                String.join(", ", weights),
                t.path("ramping").isTextual() ? t.path("ramping").asText() : "-",
                backups.isEmpty() ? "-" : String.join(", ", backups)))
        + System.lineSeparator();
  }
}
