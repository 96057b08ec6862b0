package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift reconcile --channel C --date D}: reconciles a channel's day now, showing its
 * progress until it ends, then its report. {@code channelshift reconcile status}: the report of a
 * day, or the latest runs.
 */
@Command(
    name = "reconcile",
    mixinStandardHelpOptions = true,
    description = "Reconcile a channel's day against the ledger now (or show runs with 'status').",
    subcommands = {ReconcileCommand.Status.class, ReconcileCommand.Resolve.class})
public final class ReconcileCommand implements Callable<Integer> {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  // Not `required`: picocli would then ask for them before 'reconcile status' too.
  @Option(names = "--channel", description = "the channel, e.g. legacy (required)")
  String channel;

  @Option(names = "--date", description = "the business day, yyyy-MM-dd (required)")
  String date;

  @Option(names = "--no-wait", description = "start it and return at once")
  boolean noWait;

  @Option(names = "--timeout", description = "how long to follow the run (default: PT30M)")
  Duration timeout = Duration.ofMinutes(30);

  @Override
  public Integer call() throws Exception {
    if (channel == null || date == null) {
      throw new ParameterException(
          spec.commandLine(),
          "reconcile needs --channel and --date " + "(or 'reconcile status' to read runs)");
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ApiClient client = api.client();
    ObjectNode body = JSON.createObjectNode().put("channel", channel).put("date", date);
    HttpResponse<String> started =
        client.post("/api/reconciliations", JSON.writeValueAsString(body));
    if (started.statusCode() != 202 || noWait) {
      return CliOutput.print(started, out, err);
    }
    out.println(
        "reconciling "
            + channel
            + " for "
            + date
            + " ("
            + JSON.readTree(started.body()).path("workflowId").asText()
            + ")");
    out.flush();
    String path = QueryPath.of("/api/reconciliations", "channel", channel, "date", date);
    Instant deadline = Instant.now().plus(timeout);
    String lastPhase = "";
    while (Instant.now().isBefore(deadline)) {
      Thread.sleep(1_000);
      HttpResponse<String> response = client.get(path);
      if (response.statusCode() != 200) {
        continue; // the run row appears once the statement fetch has begun
      }
      JsonNode view = JSON.readTree(response.body());
      JsonNode progress = view.path("progress");
      String phase = progress.path("phase").asText("");
      if (!phase.equals(lastPhase)) {
        out.printf("  %s  %s%n", Instant.now().toString().substring(11, 19), describe(progress));
        out.flush();
        lastPhase = phase;
      }
      if ("COMPLETED".equals(view.path("report").path("run").path("status").asText())
          && "completed".equals(phase)) {
        out.print(ReconciliationView.render(view.path("report")));
        out.flush();
        return view.path("report").path("run").path("discrepanciesOpen").asLong() == 0 ? 0 : 3;
      }
    }
    err.println(
        "still running after "
            + timeout
            + "; follow it with: channelshift reconcile status --channel "
            + channel
            + " --date "
            + date);
    return 2;
  }

  private static String describe(JsonNode p) {
    return switch (p.path("phase").asText("")) {
      case "fetching" -> "fetching and staging the statement";
      case "matching" ->
          "matching " + p.path("statementLines").asLong() + " lines against the ledger";
      case "repairing" ->
          "repairing: "
              + p.path("discrepancies").asLong()
              + " differences, "
              + p.path("handedOverForRepair").asLong()
              + " payments handed over so far";
      case "completing" -> "recording the totals";
      case "completed" -> "done";
      default -> p.path("phase").asText("starting");
    };
  }

  /** {@code channelshift reconcile status [--channel C] [--date D]}. */
  @Command(
      name = "status",
      mixinStandardHelpOptions = true,
      description =
          "Show a day's reconciliation (matched counts, totals on both sides, each discrepancy), "
              + "or the latest runs.")
  static final class Status implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Option(names = "--channel", description = "the channel")
    String channel;

    @Option(names = "--date", description = "the business day, yyyy-MM-dd (with --channel)")
    String date;

    @Option(names = "--json", description = "print the API's JSON instead of tables")
    boolean json;

    @Override
    public Integer call() throws Exception {
      return CliOutput.printOrRender(
          api.client().get(QueryPath.of("/api/reconciliations", "channel", channel, "date", date)),
          json,
          spec,
          body ->
              body.isArray()
                  ? ReconciliationView.runs(body)
                  : ReconciliationView.render(body.path("report")));
    }
  }

  /**
   * {@code channelshift reconcile resolve ID --resolution TEXT}: settles a discrepancy that needed
   * a human.
   */
  @Command(
      name = "resolve",
      mixinStandardHelpOptions = true,
      description =
          "Settle an open discrepancy with what was done about it (recorded with who said it).")
  static final class Resolve implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Parameters(index = "0", description = "the discrepancy's id (see 'reconcile status')")
    long id;

    @Option(
        names = "--resolution",
        required = true,
        description = "what was done, e.g. 'refunded by hand, T-123'")
    String resolution;

    @Option(names = "--by", description = "who did it (recorded with the API key's name)")
    String by;

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode().put("resolution", resolution);
      HttpResponse<String> response =
          api.client()
              .post(
                  "/api/reconciliations/discrepancies/" + id + "/resolve",
                  JSON.writeValueAsString(body),
                  by);
      return CliOutput.print(response, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
