package io.channelshift.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code channelshift refund ORDER_ID --refund-id R --amount N}: asks for a refund. */
@Command(
    name = "refund",
    mixinStandardHelpOptions = true,
    description = "Ask for a partial or full refund.")
public final class RefundCommand implements Callable<Integer> {

  @Spec CommandSpec spec;
  @Mixin ApiOptions api = new ApiOptions();

  @Parameters(index = "0", paramLabel = "ORDER_ID")
  String orderId;

  @Option(
      names = "--refund-id",
      required = true,
      description = "your refund id; repeating it is safe")
  String refundId;

  @Option(names = "--amount", required = true, description = "amount in minor units")
  long amountMinor;

  @Option(names = "--reason", defaultValue = "", description = "kept with the refund")
  String reason;

  @Override
  public Integer call() throws Exception {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("refundId", refundId);
    body.put("amountMinor", amountMinor);
    body.put("reason", reason);
    return CliOutput.print(
        api.client()
            .post(
                "/api/payments/" + URLEncoder.encode(orderId, StandardCharsets.UTF_8) + "/refunds",
                new ObjectMapper().writeValueAsString(body)),
        spec.commandLine().getOut(),
        spec.commandLine().getErr());
  }
}
