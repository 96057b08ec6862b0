package io.channelshift.app;

import io.channelshift.config.TemporalNotUsable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Runs a Spring app in the foreground: returns when its context closes (Spring's hook does that on
 * Ctrl-C).
 */
final class SpringApps {

  private SpringApps() {}

  /**
   * Runs {@code app} with the Temporal choices made on the command line; 1 when it could not start
   * because of its Temporal (Spring Boot has reported why, see {@code TemporalNotUsableAnalyzer}).
   */
  static int runUntilClosed(SpringApplication app, TemporalOptions.SpringChoices choices)
      throws InterruptedException {
    if (!choices.defaults().isEmpty()) {
      // last: under configuration files and CHANNELSHIFT_TEMPORAL_*, over nothing but the built-in
      app.addInitializers(
          context ->
              context
                  .getEnvironment()
                  .getPropertySources()
                  .addLast(
                      new MapPropertySource(
                          "TEMPORAL_* variables", Map.copyOf(choices.defaults()))));
    }
    try {
      return runUntilClosed(app, choices.args());
    } catch (RuntimeException e) {
      if (causedByTemporal(e)) {
        return 1;
      }
      throw e;
    }
  }

  private static boolean causedByTemporal(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof TemporalNotUsable) {
        return true;
      }
    }
    return false;
  }

  static int runUntilClosed(SpringApplication app, List<String> args) throws InterruptedException {
    ConfigurableApplicationContext context = app.run(args.toArray(String[]::new));
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(
        event -> {
          if (event instanceof ContextClosedEvent) {
            closed.countDown();
          }
        });
    if (context.isActive()) {
      closed.await();
    }
    return 0;
  }
}
