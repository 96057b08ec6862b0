package io.channelshift.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code channelshift payment ORDER_ID}: shows a payment. */
@Command(
    name = "payment",
    mixinStandardHelpOptions = true,
    description = "Show a payment: status, amounts, refunds.")
public final class ShowPaymentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "ORDER_ID")
  String orderId;

  @Override
  public Integer call() throws Exception {
    return CliOutput.print(
        api.client().get("/api/payments/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8)),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
