package io.channelshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code channelshift close ORDER_ID [--reason R]}: closes an unpaid payment at the provider, as
 * the platform.
 */
@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description =
        "Close an unpaid payment at the provider (its user cancelled the order); prints the payment.")
public final class ClosePaymentCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "ORDER_ID")
  String orderId;

  @Option(
      names = "--reason",
      defaultValue = "closed from the CLI",
      description = "kept in the payment's notes " + "(default: ${DEFAULT-VALUE})")
  String reason;

  @Override
  public Integer call() throws Exception {
    return CliOutput.print(
        api.client()
            .post(
                "/api/payments/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/close",
                new ObjectMapper().writeValueAsString(Map.of("reason", reason))),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
