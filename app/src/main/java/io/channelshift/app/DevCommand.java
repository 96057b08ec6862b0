package io.channelshift.app;

import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.ExternalTemporal;
import io.channelshift.app.embedded.StackOptions;
import io.channelshift.config.TemporalNotUsable;
import io.channelshift.sandbox.FaultSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code ./channelshift dev}: the whole stack in this process until Ctrl-C. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description =
        "Run Temporal, PostgreSQL, two sandbox providers, the worker and the REST API in one process;"
            + " with --temporal (or TEMPORAL_ADDRESS), use that Temporal instead of the embedded one.")
final class DevCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--sandbox-faults",
      paramLabel = "NAME=JSON",
      description =
          "faults a sandbox starts with, e.g. legacy='{\"callbackDropRate\":0.2}' (see sandbox/README.md);"
              + " change them later with POST /admin/faults")
  Map<String, String> sandboxFaults = new LinkedHashMap<>();

  @Mixin TemporalOptions temporal = new TemporalOptions();

  @Option(
      names = "--temporal-ui",
      paramLabel = "URL",
      description =
          "the web UI of the Temporal given with --temporal (printed, and allowed to decode"
              + " payloads through the starter); default "
              + ExternalTemporal.DEV_SERVER_UI
              + ", where `temporal server start-dev` serves it")
  String temporalUi;

  /**
   * The Temporal to use instead of the embedded one, from {@code --temporal} or {@code
   * TEMPORAL_ADDRESS}; empty: the embedded test server (which has the namespace {@code default}
   * only, so a namespace or UI given without an address is a mistake, not something to drop).
   */
  Optional<ExternalTemporal> externalTemporal() {
    Optional<String> address = temporal.address();
    if (address.isEmpty()) {
      if (temporal.namespace != null || temporalUi != null) {
        throw new ParameterException(
            spec.commandLine(),
            "--namespace and --temporal-ui are for an external Temporal: give --temporal HOST:PORT"
                + " (or TEMPORAL_ADDRESS) too");
      }
      return Optional.empty();
    }
    try {
      return Optional.of(
          new ExternalTemporal(address.get(), temporal.namespace().orElse(null), temporalUi));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(), temporal.addressSource() + ": " + e.getMessage());
    }
  }

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
    Optional<ExternalTemporal> external = externalTemporal();
    StackOptions options = StackOptions.dev().withSandboxFaults(faults);
    if (external.isPresent()) {
      options = options.withExternalTemporal(external.get());
      System.out.printf(
          "ChannelShift dev: starting, with the Temporal at %s (namespace %s, from %s)...%n",
          external.get().target(), external.get().namespace(), temporal.addressSource());
    } else {
      System.out.println("ChannelShift dev: starting the embedded stack...");
    }
    EmbeddedStack stack;
    try {
      stack = EmbeddedStack.start(options);
    } catch (TemporalNotUsable e) {
      spec.commandLine().getErr().println("dev: " + e.getMessage());
      return 1; // nothing was left running: the stack stopped what it had started
    }
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
    external.ifPresent(
        t ->
            System.out.println(
                "      open "
                    + t.uiUrl()
                    + " (namespace "
                    + t.namespace()
                    + "): every payment, migration and reconciliation; list query e.g."
                    + " PaymentStatus=\"FULFILLED\""));
    System.out.println("Ctrl-C stops everything.");
    stopped.await();
    return 0;
  }
}
