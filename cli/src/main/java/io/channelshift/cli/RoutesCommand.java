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

/** {@code channelshift routes}: the routing table in force, per scope. */
@Command(
    name = "routes",
    mixinStandardHelpOptions = true,
    description =
        "Show the routing table in force: channel weights per scope, version, the channel ramping up.")
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
        String.format("%-14s %8s  %-32s %s%n", "scope", "version", "weights (bps)", "ramping"));
    for (JsonNode t : routes.path("tables")) {
      List<String> weights = new ArrayList<>();
      t.path("weightsBps")
          .fields()
          .forEachRemaining(e -> weights.add(e.getKey() + " " + e.getValue().asInt()));
      s.append(
          String.format(
              "%-14s %8d  %-32s %s%n",
              t.path("scope").asText(),
              t.path("version").asLong(),
              String.join(", ", weights),
              t.path("ramping").isNull() ? "-" : t.path("ramping").asText()));
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
}
