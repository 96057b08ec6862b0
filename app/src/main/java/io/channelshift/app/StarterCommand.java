package io.channelshift.app;

import io.channelshift.starter.StarterApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./channelshift starter [--property=value...]}: the production shape, one process per role.
 */
@Command(
    name = "starter",
    mixinStandardHelpOptions = true,
    description =
        "Run the REST API alone against the Temporal and PostgreSQL servers in its configuration.")
final class StarterCommand implements Callable<Integer> {

  /** Spring properties as {@code --name=value}, passed through as they are. */
  @Unmatched List<String> springArgs = new ArrayList<>();

  @Mixin TemporalOptions temporal = new TemporalOptions();

  @Override
  public Integer call() throws InterruptedException {
    return SpringApps.runUntilClosed(
        StarterApplication.application(), temporal.forSpring(springArgs));
  }
}
