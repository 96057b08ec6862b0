package io.channelshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code channelshift migration ...}: start and operate channel migrations over the REST API. */
@Command(
    name = "migration",
    mixinStandardHelpOptions = true,
    description = "Start, watch and operate a channel migration.",
    subcommands = {
      MigrationCommand.Start.class,
      MigrationCommand.List.class,
      MigrationCommand.Status.class,
      MigrationCommand.Pause.class,
      MigrationCommand.Resume.class,
      MigrationCommand.Promote.class,
      MigrationCommand.Rollback.class,
      MigrationCommand.Approve.class
    })
public final class MigrationCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Who asks: {@code --by}, else the login name. */
  static final class Who {
    @Option(names = "--by", description = "who asks, recorded in the timeline (default: $USER)")
    String by;

    String name() {
      return by != null ? by : System.getenv().getOrDefault("USER", "cli");
    }
  }

  @Command(
      name = "start",
      mixinStandardHelpOptions = true,
      description = "Start a migration from a plan file.")
  static final class Start implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();
    @Mixin Who who = new Who();

    @Option(
        names = "--plan",
        required = true,
        paramLabel = "FILE",
        description = "the plan as JSON (plans/default.json is a starting point)")
    Path plan;

    @Override
    public Integer call() throws Exception {
      if (!Files.isReadable(plan)) {
        spec.commandLine().getErr().println("cannot read the plan file " + plan);
        return 2;
      }
      HttpResponse<String> r =
          api.client().post("/api/migrations", Files.readString(plan), who.name());
      return show(r, spec);
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "The recorded migrations, newest first.")
  static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> r = api.client().get("/api/migrations");
      if (r.statusCode() != 200) {
        return CliOutput.print(r, spec.commandLine().getOut(), spec.commandLine().getErr());
      }
      PrintWriter out = spec.commandLine().getOut();
      out.printf(
          "%-28s %-12s %-16s %-8s %-12s %s%n",
          "migration", "scope", "channels", "running", "started by", "outcome");
      for (var m : JSON.readTree(r.body())) {
        out.printf(
            "%-28s %-12s %-16s %-8s %-12s %s%n",
            MigrationView.t(m.path("migrationId")),
            MigrationView.t(m.path("scope")),
            MigrationView.t(m.path("fromChannel")) + " → " + MigrationView.t(m.path("toChannel")),
            m.path("running").asBoolean(),
            MigrationView.t(m.path("startedBy")),
            m.path("running").asBoolean() ? "" : MigrationView.t(m.path("outcome")));
      }
      out.flush();
      return 0;
    }
  }

  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description = "Show a migration: phase, weights, the gate table, the timeline.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Parameters(index = "0", paramLabel = "MIGRATION_ID")
    String id;

    @Option(
        names = "--watch",
        description = "refresh every --every seconds until the migration ends")
    boolean watch;

    @Option(
        names = "--every",
        defaultValue = "2",
        description = "seconds between refreshes (default: ${DEFAULT-VALUE})")
    int every;

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      while (true) {
        HttpResponse<String> r = api.client().get("/api/migrations/" + encode(id));
        if (json || r.statusCode() != 200) {
          return CliOutput.print(r, out, spec.commandLine().getErr());
        }
        var status = JSON.readTree(r.body());
        if (watch) {
          out.print("\033[H\033[2J");
        }
        out.print(MigrationView.render(status));
        out.flush();
        boolean ended = status.path("phase").asText().matches("ROLLED_BACK|COMPLETED|ABORTED");
        if (!watch || ended) {
          return 0;
        }
        Thread.sleep(every * 1000L);
      }
    }
  }

  @Command(
      name = "pause",
      mixinStandardHelpOptions = true,
      description = "Hold the ramp where it is.")
  static final class Pause extends Act {
    Pause() {
      super("pause");
    }
  }

  @Command(name = "resume", mixinStandardHelpOptions = true, description = "Go on after a pause.")
  static final class Resume extends Act {
    Resume() {
      super("resume");
    }
  }

  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Approve the step that waits.")
  static final class Approve extends Act {
    Approve() {
      super("approve");
    }
  }

  @Command(
      name = "promote",
      mixinStandardHelpOptions = true,
      description = "Go to the next step now.")
  static final class Promote extends Act {
    @Option(names = "--full", description = "go to 100% on the new channel")
    boolean full;

    Promote() {
      super("promote");
    }

    @Override
    String action() {
      return full ? "promote-full" : "promote";
    }
  }

  @Command(
      name = "rollback",
      mixinStandardHelpOptions = true,
      description = "Route everything back to the old channel now.")
  static final class Rollback extends Act {
    Rollback() {
      super("rollback");
    }

    @Override
    boolean reasonRequired() {
      return true;
    }
  }

  /**
   * One engineer request: POST /api/migrations/{id}/{action}, the refusal's reason printed if
   * refused.
   */
  abstract static class Act implements Callable<Integer> {
    private final String action;
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();
    @Mixin Who who = new Who();

    @Parameters(index = "0", paramLabel = "MIGRATION_ID")
    String id;

    @Option(names = "--reason", description = "why (required for rollback)")
    String reason;

    Act(String action) {
      this.action = action;
    }

    String action() {
      return action;
    }

    boolean reasonRequired() {
      return false;
    }

    @Override
    public Integer call() throws Exception {
      if (reasonRequired() && (reason == null || reason.isBlank())) {
        spec.commandLine().getErr().println(action + " needs --reason");
        return 2;
      }
      ObjectNode body = JSON.createObjectNode();
      if (reason != null) {
        body.put("reason", reason);
      }
      return show(
          api.client()
              .post("/api/migrations/" + encode(id) + "/" + action(), body.toString(), who.name()),
          spec);
    }
  }

  private static int show(HttpResponse<String> r, CommandSpec spec) throws Exception {
    if (r.statusCode() / 100 != 2) {
      return CliOutput.print(r, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
    spec.commandLine().getOut().print(MigrationView.render(JSON.readTree(r.body())));
    spec.commandLine().getOut().flush();
    return 0;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
