package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift scope health|failover|failback|hold|release SCOPE}: a scope's channel health
 * and its failover, over the REST API.
 */
@Command(
    name = "scope",
    mixinStandardHelpOptions = true,
    description = "A routing scope's channel health: read it, fail over, fail back, hold.",
    subcommands = {
      ScopeCommand.Health.class,
      ScopeCommand.Failover.class,
      ScopeCommand.Failback.class,
      ScopeCommand.Hold.class,
      ScopeCommand.Release.class
    })
public final class ScopeCommand {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Command(
      name = "health",
      mixinStandardHelpOptions = true,
      description = "Mode, primary, failover, hold, failing gates per channel, timeline.")
  static final class Health implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Parameters(index = "0", paramLabel = "SCOPE", description = "all, or a product type")
    String scope;

    @Option(names = "--json", description = "print the API's JSON")
    boolean json;

    @Override
    public Integer call() throws Exception {
      HttpResponse<String> r = api.client().get("/api/scopes/" + encode(scope) + "/health");
      if (r.statusCode() / 100 != 2) {
        return refused(r, spec);
      }
      return CliOutput.printOrRender(r, json, spec, ScopeHealthView::render);
    }
  }

  /** A request to the scope: who asks, why (required), and for a failover the target channel. */
  abstract static class Act implements Callable<Integer> {
    private final String action;
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();
    @Mixin MigrationCommand.Who who = new MigrationCommand.Who();

    @Parameters(index = "0", paramLabel = "SCOPE", description = "all, or a product type")
    String scope;

    @Option(names = "--reason", required = true, description = "why; recorded in the timeline")
    String reason;

    Act(String action) {
      this.action = action;
    }

    String target() {
      return null;
    }

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode().put("reason", reason);
      if (target() != null) {
        body.put("target", target());
      }
      HttpResponse<String> r =
          api.client()
              .post("/api/scopes/" + encode(scope) + "/" + action, body.toString(), who.name());
      if (r.statusCode() / 100 != 2) {
        return refused(r, spec);
      }
      spec.commandLine().getOut().print(ScopeHealthView.render(JSON.readTree(r.body())));
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(
      name = "failover",
      mixinStandardHelpOptions = true,
      description = "Move the primary's traffic to a backup now (the first healthy one, or --to).")
  static final class Failover extends Act {
    @Option(names = "--to", paramLabel = "CHANNEL", description = "the backup to fail over to")
    String to;

    Failover() {
      super("failover");
    }

    @Override
    String target() {
      return to;
    }
  }

  @Command(
      name = "failback",
      mixinStandardHelpOptions = true,
      description = "Move the traffic back to the failed channel now (also approves a failback).")
  static final class Failback extends Act {
    Failback() {
      super("failback");
    }
  }

  @Command(
      name = "hold",
      mixinStandardHelpOptions = true,
      description = "Hold automatic failover and failback (engineers can still act).")
  static final class Hold extends Act {
    Hold() {
      super("hold");
    }
  }

  @Command(name = "release", mixinStandardHelpOptions = true, description = "Release the hold.")
  static final class Release extends Act {
    Release() {
      super("release");
    }
  }

  /** A refusal as one line: the status, the problem's title and its detail. */
  static int refused(HttpResponse<String> r, CommandSpec spec) {
    String line;
    try {
      JsonNode p = JSON.readTree(r.body());
      line = p.path("title").asText("refused") + ": " + p.path("detail").asText("");
    } catch (Exception notJson) {
      line = r.body();
    }
    spec.commandLine().getErr().println("HTTP " + r.statusCode() + " " + TerminalText.safe(line));
    spec.commandLine().getErr().flush();
    return 1;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
