package io.channelshift.app;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which Temporal to use ({@code dev}, {@code worker}, {@code starter}): {@code --temporal} and
 * {@code --namespace}, or the Temporal CLI's own environment variables {@code TEMPORAL_ADDRESS} and
 * {@code TEMPORAL_NAMESPACE}, so a shell set up for {@code temporal} needs nothing more. A flag
 * wins over its variable; a blank variable counts as unset.
 */
final class TemporalOptions {

  static final String ADDRESS_VARIABLE = "TEMPORAL_ADDRESS";
  static final String NAMESPACE_VARIABLE = "TEMPORAL_NAMESPACE";
  static final String TARGET = "channelshift.temporal.target";
  static final String NAMESPACE = "channelshift.temporal.namespace";

  @Option(
      names = "--temporal",
      paramLabel = "HOST:PORT",
      description =
          "the Temporal frontend to use, e.g. 127.0.0.1:7233 (`temporal server start-dev`);"
              + " default: $TEMPORAL_ADDRESS")
  String address;

  @Option(
      names = "--namespace",
      paramLabel = "NAME",
      description = "the Temporal namespace; default: $TEMPORAL_NAMESPACE, else default")
  String namespace;

  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The process's environment; a test gives its own. */
  Map<String, String> environment = System.getenv();

  /** The address from the flag, else from {@code TEMPORAL_ADDRESS}; empty when neither is set. */
  Optional<String> address() {
    return first(address, ADDRESS_VARIABLE);
  }

  /** The namespace from the flag, else from {@code TEMPORAL_NAMESPACE}. */
  Optional<String> namespace() {
    return first(namespace, NAMESPACE_VARIABLE);
  }

  /**
   * What the choices become for a Spring app (worker, starter) given {@code springArgs}: a flag
   * becomes a command-line property, which wins over everything as a flag should; a variable
   * becomes a default under every configuration file and {@code CHANNELSHIFT_TEMPORAL_*} variable
   * (it only replaces the built-in 127.0.0.1:7233 and default). A flag and the same property given
   * as {@code --channelshift.temporal.target=} is refused: Spring would join the two values.
   */
  SpringChoices forSpring(List<String> springArgs) {
    List<String> args = new ArrayList<>(springArgs);
    Map<String, String> defaults = new LinkedHashMap<>();
    choose(address, ADDRESS_VARIABLE, "--temporal", TARGET, args, defaults);
    choose(namespace, NAMESPACE_VARIABLE, "--namespace", NAMESPACE, args, defaults);
    return new SpringChoices(List.copyOf(args), Map.copyOf(defaults));
  }

  /** Command-line arguments for Spring, and defaults to add under every other property source. */
  record SpringChoices(List<String> args, Map<String, String> defaults) {}

  private void choose(
      String flag,
      String variable,
      String flagName,
      String property,
      List<String> args,
      Map<String, String> defaults) {
    if (set(flag)) {
      if (args.stream().anyMatch(a -> a.startsWith("--" + property + "="))) {
        throw new ParameterException(
            mixee.commandLine(),
            flagName + " and --" + property + "= say the same thing: give one of them");
      }
      args.add("--" + property + "=" + flag.trim());
      return;
    }
    String value = environment.get(variable);
    if (set(value)) {
      defaults.put(property, value.trim());
    }
  }

  /** Where the address came from, for the line {@code dev} prints: --temporal, TEMPORAL_ADDRESS. */
  String addressSource() {
    return set(address) ? "--temporal" : ADDRESS_VARIABLE;
  }

  private Optional<String> first(String flag, String variable) {
    if (set(flag)) {
      return Optional.of(flag.trim());
    }
    String value = environment.get(variable);
    return set(value) ? Optional.of(value.trim()) : Optional.empty();
  }

  private static boolean set(String value) {
    return value != null && !value.isBlank();
  }
}
