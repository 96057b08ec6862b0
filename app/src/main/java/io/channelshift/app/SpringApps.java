package io.channelshift.app;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;

/**
 * Runs a Spring app in the foreground: returns when its context closes (Spring's hook does that on
 * Ctrl-C).
 */
final class SpringApps {

  private SpringApps() {}

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
