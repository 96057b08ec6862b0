package io.channelshift.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * By hand, in an emergency (ops key): {@code channelshift payment settle ORDER_ID --reason R} and
 * {@code channelshift payment resend-webhook ORDER_ID --reason R}. Each prints one line: what came
 * of it, or why it was refused. Exit code 0 when the payment moved (settled, held for review,
 * refunding a payment after close, webhook delivered), 3 when nothing changed (not paid at the
 * provider, no answer, webhook not acknowledged: look, then ask again), 1 when refused.
 */
public final class PaymentByHandCommands {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** What counts as the payment having moved. */
  private static final Set<String> MOVED =
      Set.of("SETTLED", "HELD_FOR_REVIEW", "REFUNDING_PAID_AFTER_CLOSE", "DELIVERED");

  private PaymentByHandCommands() {}

  @Command(
      name = "settle",
      mixinStandardHelpOptions = true,
      description =
          "Settle a payment whose user says they paid: the payment asks its provider now and"
              + " settles only on its answer (ops key).")
  public static final class Settle extends ByHand {
    public Settle() {
      super("settle", "/settle");
    }
  }

  @Command(
      name = "resend-webhook",
      mixinStandardHelpOptions = true,
      description =
          "Send a fulfilment webhook (or with --refund, a refund's) given up at its deadline"
              + " again: the same event id (ops key).")
  public static final class ResendWebhook extends ByHand {

    @Option(
        names = "--refund",
        paramLabel = "REFUND_ID",
        description = "the refund whose webhook to send again (default: the fulfilment's)")
    String refundId;

    public ResendWebhook() {
      super("resend-webhook", "/fulfilment/resend");
    }

    @Override
    String path() {
      return refundId == null
          ? super.path()
          : "/refunds/" + URLEncoder.encode(refundId, StandardCharsets.UTF_8) + "/webhook/resend";
    }
  }

  abstract static class ByHand implements Callable<Integer> {

    private final String name;
    private final String path;
    @Spec CommandSpec spec;
    @Mixin ApiOptions api = new ApiOptions();

    @Parameters(index = "0", paramLabel = "ORDER_ID")
    String orderId;

    @Option(
        names = "--reason",
        required = true,
        description = "why (the user's ticket, say); kept with the payment")
    String reason;

    @Option(names = "--by", description = "who asks, recorded with the request (default: $USER)")
    String by;

    ByHand(String name, String path) {
      this.name = name;
      this.path = path;
    }

    /** The path under {@code /api/payments/{orderId}}. */
    String path() {
      return path;
    }

    @Override
    public Integer call() throws Exception {
      ObjectNode body = JSON.createObjectNode().put("reason", reason);
      HttpResponse<String> r =
          api.client()
              .post(
                  "/api/payments/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + path(),
                  body.toString(),
                  by != null ? by : System.getenv().getOrDefault("USER", "cli"));
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      JsonNode answer;
      try {
        answer = JSON.readTree(r.body());
      } catch (Exception e) {
        return CliOutput.print(r, out, err);
      }
      if (r.statusCode() != 200) {
        err.println(
            TerminalText.safeLines(
                name
                    + " refused (HTTP "
                    + r.statusCode()
                    + "): "
                    + answer.path("detail").asText(answer.path("title").asText(""))));
        err.flush();
        return 1;
      }
      String outcome = answer.path("outcome").asText();
      out.println(
          TerminalText.safeLines(
              orderId
                  + " "
                  + outcome
                  + " (payment "
                  + answer.path("status").asText()
                  + "): "
                  + answer.path("detail").asText()));
      out.flush();
      return MOVED.contains(outcome) ? 0 : 3;
    }
  }
}
