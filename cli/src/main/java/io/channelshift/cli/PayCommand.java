package io.channelshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code channelshift pay}: starts a payment and prints its pay URL. */
@Command(
    name = "pay",
    mixinStandardHelpOptions = true,
    description = "Start a payment; prints the pay URL.")
public final class PayCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Option(names = "--order", required = true, description = "the platform's order id")
  String orderId;

  @Option(names = "--user", required = true, description = "the paying user's id")
  String userId;

  @Option(names = "--amount", required = true, description = "amount in minor units (1234 = 12.34)")
  long amountMinor;

  @Option(
      names = "--currency",
      defaultValue = "CNY",
      description = "ISO currency (default: ${DEFAULT-VALUE})")
  String currency;

  @Option(
      names = "--product",
      defaultValue = "game_card",
      description = "product type (default: ${DEFAULT-VALUE})")
  String productType;

  @Option(
      names = "--subject",
      defaultValue = "ChannelShift order",
      description = "what the cashier shows")
  String subject;

  @Option(names = "--client-ip", description = "the user's IP address")
  String clientIp;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("orderId", orderId);
    body.put("userId", userId);
    body.put("amountMinor", amountMinor);
    body.put("currency", currency);
    body.put("productType", productType);
    body.put("subject", subject);
    if (clientIp != null) {
      body.put("clientIp", clientIp);
    }
    return CliOutput.print(
        api.client().post("/api/payments", new ObjectMapper().writeValueAsString(body)),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
