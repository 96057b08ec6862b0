package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code channelshift costs [--from D] [--to D]}: what each channel cost over the period. */
@Command(
    name = "costs",
    mixinStandardHelpOptions = true,
    description =
        "Per channel: volume, fees paid, effective rate, payments awaiting settlement (last 30 days by "
            + "default).")
public final class CostsCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Option(names = "--from", description = "first day, yyyy-MM-dd")
  String from;

  @Option(names = "--to", description = "last day, yyyy-MM-dd")
  String to;

  @Option(names = "--json", description = "print the API's JSON instead of a table")
  boolean json;

  @Override
  public Integer call() throws Exception {
    return CliOutput.printOrRender(
        api.client().get(QueryPath.of("/api/channels/costs", "from", from, "to", to)),
        json,
        spec,
        CostsCommand::render);
  }

  static String render(JsonNode costs) {
    StringBuilder s =
        new StringBuilder(
            String.format(
                "channel costs %s to %s%n%n",
                costs.path("from").asText(), costs.path("to").asText()));
    s.append(
        String.format(
            "%-10s %-4s %9s %14s %12s %12s %10s %9s %14s  %s%n",
            "channel",
            "cur",
            "payments",
            "volume",
            "refunds",
            "fees",
            "rate bps",
            "awaiting",
            "awaiting amt",
            "schedule"));
    for (JsonNode c : costs.path("channels")) {
      s.append(
          String.format(
              "%-10s %-4s %,9d %14s %12s %12s %10s %,9d %14s  %s%n",
              c.path("channel").asText(),
              c.path("currency").asText(),
              c.path("payments").asLong(),
              ReconciliationView.money(c.path("volumeMinor")),
              ReconciliationView.money(c.path("refundsMinor")),
              ReconciliationView.money(c.path("feesMinor")),
              c.path("effectiveRateBps").asText("-"),
              c.path("awaitingSettlement").asLong(),
              ReconciliationView.money(c.path("awaitingSettlementMinor")),
              c.path("schedule").asText()));
    }
    return s.toString();
  }
}
