package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.app.embedded.ExternalTemporal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Which Temporal {@code dev}, {@code worker} and {@code starter} use: {@code --temporal} and {@code
 * --namespace} win over {@code TEMPORAL_ADDRESS} and {@code TEMPORAL_NAMESPACE}, which win over the
 * default (the embedded server for {@code dev}, the configuration for the others). The environment
 * is the test's own.
 */
class TemporalOptionsTest {

  private static final Map<String, String> SHELL =
      Map.of("TEMPORAL_ADDRESS", "temporal.local:7233", "TEMPORAL_NAMESPACE", "payments");

  @Test
  void dev_withNothingGiven_runsTheEmbeddedServer() {
    assertThat(dev(Map.of()).externalTemporal()).isEmpty();
    assertThat(dev(Map.of("TEMPORAL_ADDRESS", "  ")).externalTemporal())
        .as("a blank variable is unset")
        .isEmpty();
  }

  @Test
  void dev_takesTheVariables_withTheDevServersUi() {
    assertThat(dev(SHELL).externalTemporal())
        .contains(new ExternalTemporal("temporal.local:7233", "payments", null));
    assertThat(dev(SHELL).externalTemporal().orElseThrow().uiUrl())
        .isEqualTo("http://localhost:8233");
  }

  @Test
  void dev_flagsWinOverTheVariables() {
    Optional<ExternalTemporal> chosen =
        dev(SHELL, "--temporal", "127.0.0.1:7234", "--namespace", "mine").externalTemporal();
    assertThat(chosen).contains(new ExternalTemporal("127.0.0.1:7234", "mine", null));

    assertThat(dev(SHELL, "--temporal", "127.0.0.1:7234").externalTemporal().orElseThrow())
        .as("the namespace still from its variable")
        .extracting(ExternalTemporal::namespace)
        .isEqualTo("payments");
  }

  @Test
  void dev_aUiAddress_isPrintedAndItsOriginAllowed() {
    ExternalTemporal chosen =
        dev(Map.of(), "--temporal", "127.0.0.1:7233", "--temporal-ui", "https://ui.example:9443/")
            .externalTemporal()
            .orElseThrow();
    assertThat(chosen.uiUrl()).isEqualTo("https://ui.example:9443");
    assertThat(chosen.uiOrigin()).isEqualTo("https://ui.example:9443");
    assertThat(
            dev(Map.of(), "--temporal", "h:1", "--temporal-ui", "http://localhost:8233/ns/default")
                .externalTemporal()
                .orElseThrow()
                .uiOrigin())
        .isEqualTo("http://localhost:8233");
  }

  @Test
  void dev_mistakesAreUsageErrors_notSilentlyDropped() {
    assertThatThrownBy(() -> dev(Map.of(), "--namespace", "payments").externalTemporal())
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("--temporal");
    assertThatThrownBy(() -> dev(Map.of(), "--temporal-ui", "http://x:1").externalTemporal())
        .isInstanceOf(ParameterException.class);
    assertThatThrownBy(() -> dev(Map.of(), "--temporal", "localhost").externalTemporal())
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("--temporal: a Temporal address is HOST:PORT");
    assertThatThrownBy(() -> dev(Map.of("TEMPORAL_ADDRESS", "http://h:7233")).externalTemporal())
        .isInstanceOf(ParameterException.class)
        .hasMessageStartingWith("TEMPORAL_ADDRESS: ");
    assertThatThrownBy(
            () -> dev(Map.of(), "--temporal", "h:1", "--temporal-ui", "ftp://h").externalTemporal())
        .isInstanceOf(ParameterException.class);
    assertThat(dev(Map.of(), "--temporal", "[::1]:7233").externalTemporal()).isPresent();
    assertThatThrownBy(() -> dev(Map.of(), "--temporal", "h:1/x").externalTemporal())
        .isInstanceOf(ParameterException.class);
    assertThat(dev(Map.of("TEMPORAL_NAMESPACE", "payments")).externalTemporal())
        .as("a namespace variable alone is for the Temporal CLI, not the embedded server")
        .isEmpty();
  }

  @Test
  void workerAndStarter_takeTheVariables_asDefaultsUnderTheirConfiguration() {
    WorkerCommand worker = parse(new WorkerCommand(), SHELL, "--server.port=1");
    TemporalOptions.SpringChoices choices = worker.temporal.forSpring(worker.springArgs);

    assertThat(choices.args()).containsExactly("--server.port=1");
    assertThat(choices.defaults())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "channelshift.temporal.target", "temporal.local:7233",
                "channelshift.temporal.namespace", "payments"));
  }

  @Test
  void workerAndStarter_flagsWin_asCommandLineProperties() {
    StarterCommand starter = parse(new StarterCommand(), SHELL, "--temporal", "10.0.0.5:7233");
    TemporalOptions.SpringChoices choices = starter.temporal.forSpring(starter.springArgs);

    assertThat(choices.args()).containsExactly("--channelshift.temporal.target=10.0.0.5:7233");
    assertThat(choices.defaults())
        .containsExactlyEntriesOf(Map.of("channelshift.temporal.namespace", "payments"));
  }

  @Test
  void aFlagAndTheSameSpringProperty_isAUsageError() {
    WorkerCommand worker =
        parse(
            new WorkerCommand(),
            Map.of(),
            "--temporal",
            "a:1",
            "--channelshift.temporal.target=b:2");

    assertThatThrownBy(() -> worker.temporal.forSpring(worker.springArgs))
        .isInstanceOf(ParameterException.class)
        .hasMessageContaining("give one of them");
    assertThat(
            new CommandLine(new WorkerCommand())
                .execute("--namespace", "x", "--channelshift.temporal.namespace=y"))
        .isEqualTo(2);
  }

  private static DevCommand dev(Map<String, String> environment, String... args) {
    DevCommand dev = new DevCommand();
    new CommandLine(dev).parseArgs(args);
    dev.temporal.environment = environment;
    return dev;
  }

  private static <T> T parse(T command, Map<String, String> environment, String... args) {
    new CommandLine(command).parseArgs(args);
    TemporalOptions options =
        command instanceof WorkerCommand w ? w.temporal : ((StarterCommand) command).temporal;
    options.environment = environment;
    return command;
  }
}
