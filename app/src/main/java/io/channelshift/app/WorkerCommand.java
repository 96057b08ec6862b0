package io.channelshift.app;

import io.channelshift.worker.WorkerApplication;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Unmatched;

/**
 * {@code ./channelshift worker [--property=value...]}: the production shape, one process per role.
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description =
        "Run the worker alone against the Temporal and PostgreSQL servers in its configuration.")
final class WorkerCommand implements Callable<Integer> {

  /** Spring properties as {@code --name=value}, passed through as they are. */
  @Unmatched List<String> springArgs = new ArrayList<>();

  @Mixin TemporalOptions temporal = new TemporalOptions();

  @Override
  public Integer call() throws InterruptedException {
    return SpringApps.runUntilClosed(
        WorkerApplication.application(), temporal.forSpring(springArgs));
  }
}
