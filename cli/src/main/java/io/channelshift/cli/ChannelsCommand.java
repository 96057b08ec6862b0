package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift channels list|drain|retire|activate}: the channels' lifecycle over the REST
 * API. A refusal is printed as one line, the problem's detail.
 */
@Command(
    name = "channels",
    mixinStandardHelpOptions = true,
    description = "List the channels, drain, retire or activate one.",
    subcommands = {
      ChannelsCommand.List.class,
      ChannelsCommand.Drain.class,
      ChannelsCommand.Retire.class,
      ChannelsCommand.Activate.class
    })
public final class ChannelsCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description =
          "Every channel: state, who changed it and why, traffic per scope, what is open.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Option(names = "--json", description = "print the API's JSON instead of a table")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> r = api.client().get("/api/channels");
      if (r.statusCode() / 100 != 2 && !json) {
        return refused(r, spec);
      }
      return CliOutput.printOrRender(r, json, spec, ChannelsCommand::render);
    }
  }

  @Command(
      name = "drain",
      mixinStandardHelpOptions = true,
      description = "Take no new payments on the channel; everything it holds goes on to its end.")
  static final class Drain extends Change {
    Drain() {
      super("drain");
    }
  }

  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description = "Retire a drained channel; refused while any of its payments is open.")
  static final class Retire extends Change {
    Retire() {
      super("retire");
    }
  }

  @Command(
      name = "activate",
      mixinStandardHelpOptions = true,
      description = "Let a drained or retired channel take new payments again.")
  static final class Activate extends Change {
    Activate() {
      super("activate");
    }
  }

  /** POST /api/channels/{channel}/{action} with the reason; prints the new state. */
  abstract static class Change implements Callable<Integer> {
    private final String action;
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();
    @Mixin MigrationCommand.Who who = new MigrationCommand.Who();

    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Option(names = "--reason", required = true, description = "why (recorded with who asked)")
    String reason;

    Change(String action) {
      this.action = action;
    }

    @Override
    public Integer call() throws Exception {
      if (reason.isBlank()) {
        spec.commandLine().getErr().println(action + " needs a --reason");
        return 2;
      }
      ObjectNode body = JSON.createObjectNode().put("reason", reason);
      HttpResponse<String> r =
          api.client()
              .post(
                  "/api/channels/"
                      + URLEncoder.encode(channel, StandardCharsets.UTF_8)
                      + "/"
                      + action,
                  body.toString(),
                  who.name());
      if (r.statusCode() / 100 != 2) {
        return refused(r, spec);
      }
      JsonNode status = JSON.readTree(r.body());
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          TerminalText.safe(
              status.path("channel").asText()
                  + " is now "
                  + status.path("state").asText()
                  + " ("
                  + status.path("reason").asText()
                  + ", "
                  + status.path("changedBy").asText()
                  + ")"));
      out.flush();
      return 0;
    }
  }

  /** One line: the problem's detail, else its title, else the status. */
  static int refused(HttpResponse<String> r, CommandSpec spec) {
    String line;
    try {
      JsonNode problem = JSON.readTree(r.body());
      line =
          problem.hasNonNull("detail")
              ? problem.path("detail").asText()
              : problem.path("title").asText("HTTP " + r.statusCode());
    } catch (Exception notJson) {
      line = "HTTP " + r.statusCode();
    }
    PrintWriter err = spec.commandLine().getErr();
    err.println("refused (" + r.statusCode() + "): " + TerminalText.safe(line));
    err.flush();
    return 1;
  }

  static String render(JsonNode channels) {
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            "%-12s %-9s %-5s %-28s %-10s %s%n",
            "channel", "state", "new?", "traffic (scope bps/backup)", "open", "changed"));
    for (JsonNode c : channels) {
      java.util.List<String> traffic = new ArrayList<>();
      for (JsonNode t : c.path("traffic")) {
        traffic.add(
            t.path("scope").asText()
                + " "
                + t.path("weightBps").asInt()
                + (t.path("backupPosition").isNull()
                    ? ""
                    : " b" + t.path("backupPosition").asInt()));
      }
      JsonNode status = c.path("status");
      JsonNode open = c.path("open");
      s.append(
          TerminalText.safe(
              String.format(
                  "%-12s %-9s %-5s %-28s %-10s %s",
                  c.path("channel").asText(),
                  status.path("state").asText(),
                  c.path("takesNewPayments").asBoolean() ? "yes" : "no",
                  traffic.isEmpty() ? "-" : String.join(", ", traffic),
                  open.path("notEnded").asLong() + "+" + open.path("inAfterSales").asLong(),
                  status.path("reason").isNull()
                      ? "-"
                      : status.path("reason").asText()
                          + " ("
                          + status.path("changedBy").asText()
                          + ")"
                          + (c.path("disabledInConfiguration").asBoolean()
                              ? " [enabled=false]"
                              : ""))));
      s.append(System.lineSeparator());
    }
    s.append("open: payments not ended + payments in their after-sales window\n");
    return s.toString();
  }
}
