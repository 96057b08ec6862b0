package io.channelshift.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift payment ORDER_ID}: shows a payment; {@code payment settle} and {@code payment
 * resend-webhook} act on one by hand ({@link PaymentByHandCommands}).
 */
@Command(
    name = "payment",
    mixinStandardHelpOptions = true,
    description = "Show a payment: status, amounts, refunds. By hand: settle, resend-webhook.",
    subcommands = {PaymentByHandCommands.Settle.class, PaymentByHandCommands.ResendWebhook.class})
public final class ShowPaymentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  /** Optional so that {@code payment settle ...} needs none before its subcommand. */
  @Parameters(index = "0", arity = "0..1", paramLabel = "ORDER_ID")
  String orderId;

  @Override
  public Integer call() throws Exception {
    if (orderId == null) {
      spec.commandLine().getErr().println("payment needs an ORDER_ID (or: settle, resend-webhook)");
      spec.commandLine().usage(spec.commandLine().getErr());
      return 2;
    }
    return CliOutput.print(
        api.client().get("/api/payments/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
