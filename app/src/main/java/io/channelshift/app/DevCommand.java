package io.channelshift.app;

import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.sandbox.FaultSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./channelshift dev}: the whole stack in this process until Ctrl-C. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Run Temporal, PostgreSQL, two sandbox providers, the worker and the REST API in one process.")
final class DevCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--sandbox-faults",
      paramLabel = "NAME=JSON",
      description =
          "faults a sandbox starts with, e.g. legacy='{\"callbackDropRate\":0.2}' (see sandbox/README.md);"
              + " change them later with POST /admin/faults")
  Map<String, String> sandboxFaults = new LinkedHashMap<>();

  @Override
  public Integer call() throws InterruptedException {
    Map<String, FaultSettings> faults = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : sandboxFaults.entrySet()) {
      if (!List.of(EmbeddedStack.LEGACY, EmbeddedStack.NOVA).contains(e.getKey())) {
        throw new ParameterException(
            spec.commandLine(), "--sandbox-faults: no sandbox named " + e.getKey());
      }
      try {
        faults.put(e.getKey(), FaultSettings.NONE.with(e.getValue()));
      } catch (IllegalArgumentException bad) {
        throw new ParameterException(
            spec.commandLine(), "--sandbox-faults " + e.getKey() + ": " + bad.getMessage());
      }
    }
    System.out.println("ChannelShift dev: starting the embedded stack...");
    EmbeddedStack stack = EmbeddedStack.start(StackOptions.dev().withSandboxFaults(faults));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  System.out.println("\nstopping...");
                  stack.close();
                  stopped.countDown();
                },
                "channelshift-shutdown"));
    System.out.println();
    stack.addresses().forEach((what, where) -> System.out.printf("  %-32s %s%n", what, where));
    System.out.println();
    System.out.println("  API keys (local only; every /api call needs one):");
    System.out.printf("    %-10s %s%n", "platform", DevKeys.PLATFORM);
    System.out.printf("    %-10s %s%n", "engineer", DevKeys.ENGINEER);
    System.out.printf("    %-10s %s%n", "ops", DevKeys.OPS);
    System.out.printf("    %-10s %s   (all three roles)%n", "admin", DevKeys.ADMIN);
    System.out.println(
        "  e.g.  export CHANNELSHIFT_API_KEY="
            + DevKeys.ADMIN
            + "    curl -H 'Authorization: Bearer "
            + DevKeys.PLATFORM
            + "' "
            + stack.apiBaseUrl()
            + "/api/payments/demo-1");
    System.out.println();
    System.out.println("Try:  ./channelshift pay --order demo-1 --user alice --amount 1234");
    System.out.println(
        "      then open the payUrl and press Pay, and: ./channelshift payment demo-1");
    System.out.println(
        "      ./channelshift migration start --plan plans/quick.json, then ./channelshift migration status "
            + "quick-legacy-to-nova --watch");
    System.out.println("Ctrl-C stops everything.");
    stopped.await();
    return 0;
  }
}
