package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.http.HttpResponse;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Prints an API answer: the JSON pretty-printed, and an exit code that says whether it was a
 * success.
 */
final class CliOutput {

  private static final ObjectMapper JSON = new ObjectMapper();

  private CliOutput() {}

  /**
   * A read answered as a person reads it: the table {@code render} makes of the JSON, or the JSON
   * itself when asked for ({@code --json}) or when the answer is not a success.
   */
  static int printOrRender(
      HttpResponse<String> response,
      boolean json,
      CommandSpec spec,
      Function<JsonNode, String> render)
      throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (json || response.statusCode() != 200) {
      return print(response, out, spec.commandLine().getErr());
    }
    out.print(render.apply(JSON.readTree(response.body())));
    out.flush();
    return 0;
  }

  static int print(HttpResponse<String> response, PrintWriter out, PrintWriter err) {
    boolean ok = response.statusCode() / 100 == 2;
    PrintWriter target = ok ? out : err;
    try {
      target.println(
          TerminalText.safeLines(
              JSON.writerWithDefaultPrettyPrinter()
                  .writeValueAsString(JSON.readTree(response.body()))));
    } catch (Exception e) {
      target.println(TerminalText.safeLines(response.body()));
    }
    if (!ok) {
      err.println("HTTP " + response.statusCode() + hint(response.statusCode()));
    }
    target.flush();
    return ok ? 0 : 1;
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 ->
          ": set CHANNELSHIFT_API_KEY (or --api-key-file); ./channelshift dev prints its local keys";
      case 403 ->
          ": this key lacks the role (platform: payments; engineer: migrations; ops: read-only)";
      default -> "";
    };
  }
}
