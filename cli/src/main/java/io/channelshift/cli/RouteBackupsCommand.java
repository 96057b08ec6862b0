package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift routes backups SCOPE CHANNEL... --reason ...}: names the scope's backup
 * channels in order (PUT /api/routes/{scope}/backups); {@code --none} clears them. Prints the table
 * in force afterwards, or the refusal in one line.
 */
@Command(
    name = "backups",
    mixinStandardHelpOptions = true,
    description =
        "Name a scope's backup channels, in the order a payment tries them when its channel cannot"
            + " take it (engineer key).")
final class RouteBackupsCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "SCOPE", description = "all, or a product type")
  String scope;

  @Parameters(
      index = "1..*",
      arity = "0..*",
      paramLabel = "CHANNEL",
      description = "the backup channels, first tried first")
  List<String> channels;

  @Option(names = "--none", description = "no backup channels (clears the list)")
  boolean none;

  @Option(names = "--reason", required = true, description = "why (recorded with the table)")
  String reason;

  @Option(names = "--by", description = "who asks, recorded with the table (default: $USER)")
  String by;

  @Override
  public Integer call() throws Exception {
    List<String> channels = this.channels == null ? List.of() : this.channels;
    if (none == !channels.isEmpty()) {
      spec.commandLine()
          .getErr()
          .println("name the backup channels, or --none to clear them (not both)");
      return 2;
    }
    ObjectNode body = JSON.createObjectNode();
    channels.forEach(body.putArray("backups")::add);
    if (none) {
      body.putArray("backups");
    }
    body.put("reason", reason);
    HttpResponse<String> r =
        api.client()
            .put(
                "/api/routes/" + URLEncoder.encode(scope, StandardCharsets.UTF_8) + "/backups",
                body.toString(),
                by != null ? by : System.getenv().getOrDefault("USER", "cli"));
    if (r.statusCode() / 100 != 2) {
      spec.commandLine().getErr().println(refusal(r));
      return 1;
    }
    JsonNode table = JSON.readTree(r.body());
    spec.commandLine()
        .getOut()
        .print(
            (r.statusCode() == 201
                    ? "written, version " + table.path("version").asLong()
                    : "already in force, nothing written")
                + System.lineSeparator()
                + RoutesCommand.line(table));
    spec.commandLine().getOut().flush();
    return 0;
  }

  /** A refusal in one line: its title and detail, as the problem+json says them, and the status. */
  static String refusal(HttpResponse<String> r) {
    try {
      JsonNode problem = JSON.readTree(r.body());
      if (problem != null && problem.hasNonNull("detail")) {
        return TerminalText.safe(
            "refused: "
                + problem.path("title").asText("refused")
                + ": "
                + problem.path("detail").asText()
                + " (HTTP "
                + r.statusCode()
                + ")");
      }
    } catch (Exception e) {
      // not problem+json: said below
    }
    return "refused: HTTP " + r.statusCode();
  }
}
