package io.channelshift.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.channelshift.app.demo.DemoClient;
import io.channelshift.app.demo.DemoScenarios;
import io.channelshift.app.demo.MigrationDrill;
import io.channelshift.app.demo.MigrationReport;
import io.channelshift.app.demo.ScenarioResult;
import io.channelshift.app.embedded.DevKeys;
import io.channelshift.app.embedded.EmbeddedStack;
import io.channelshift.app.embedded.StackOptions;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A full demo run on the embedded stack (every scenario, then the migration drill) with the whole
 * process logging at INFO (ChannelShift's own code at DEBUG), every message and exception kept:
 * none may carry a secret (a merchant secret, the webhook secret, the payload key, an API key).
 * (Card and phone numbers are masked by the log layout, which {@code MaskingConverterTest} covers.)
 */
class SecretsInLogsTest {

  @Test
  void aFullDemoRunLogsNoSecret() throws Exception {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    try (EmbeddedStack stack = EmbeddedStack.start(StackOptions.ephemeral(DemoScenarios.TIMING))) {
      // After the apps started: Spring's logging set-up would otherwise reset the level and drop
      // the appender.
      Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
      root.setLevel(Level.INFO);
      context.getLogger("io.channelshift").setLevel(Level.DEBUG);
      lines.setContext(context);
      lines.start();
      root.addAppender(lines);

      DemoClient api = new DemoClient(stack);
      for (DemoScenarios.Scenario s : new DemoScenarios(api, stack.dataSource(), "logs").all()) {
        ScenarioResult r = s.run().get();
        assertThat(r.ok()).as(r.name()).isTrue();
      }
      // ... and the demo's second half, the migration drill, rollback and notifications included.
      MigrationReport drill =
          new MigrationDrill(stack, api, new PrintStream(OutputStream.nullOutputStream()), "logs")
              .run(MigrationDrill.Scenario.DEGRADED);
      // Its timings and counts are MigrationDrillTest's to check; here (everything logged at DEBUG,
      // slower) it must reach its rollback, so that the rollback and its notifications are in the
      // logs.
      assertThat(drill.finalPhase()).as("the drill: %s", drill).isEqualTo("ROLLED_BACK");

      root.detachAppender(lines);
      List<String> secrets = secrets(stack.workerProperties());
      List<String> logged = lines.list.stream().map(SecretsInLogsTest::messageAndCauses).toList();
      assertThat(logged)
          .as("the capture works: the forged callback's rejection is logged")
          .anyMatch(line -> line.startsWith("rejected a callback"));
      for (String line : logged) {
        for (String secret : secrets) {
          assertThat(line).as("a log line").doesNotContain(secret);
        }
      }
    }
  }

  /**
   * The line's message and the messages of the exceptions it carries, as an appender would write
   * them.
   */
  private static String messageAndCauses(ILoggingEvent event) {
    StringBuilder text = new StringBuilder(event.getFormattedMessage());
    for (IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
      text.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
    }
    return text.toString();
  }

  /** Every secret the stack runs with, plus the API keys themselves. */
  private static List<String> secrets(Map<String, String> settings) {
    List<String> secrets =
        new ArrayList<>(List.of(DevKeys.PLATFORM, DevKeys.ENGINEER, DevKeys.OPS, DevKeys.ADMIN));
    settings.forEach(
        (key, value) -> {
          if (key.endsWith("merchant-secret")
              || key.endsWith("webhook.secret")
              || key.startsWith("channelshift.codec.keys.")
              || key.endsWith("datasource.password") && value.length() > 8) {
            secrets.add(value);
          }
        });
    assertThat(secrets).as("the secrets looked for").hasSizeGreaterThanOrEqualTo(7);
    return secrets;
  }
}
