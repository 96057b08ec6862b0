package io.channelshift.worker.metrics;

import io.channelshift.health.ChannelHealthStatus;
import io.channelshift.health.ChannelHealthWorkflow;
import io.channelshift.migration.MigrationStatus;
import io.channelshift.migration.MigrationWorkflow;
import io.channelshift.temporal.TemporalNames;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link TemporalReads} over the worker's client. A query waits for a worker to answer, and the
 * client gives it no deadline of its own, so each runs on a small pool of its own and is abandoned
 * at the deadline: a stuck query delays one collection, never the scrape.
 */
final class WorkflowClientReads implements TemporalReads, AutoCloseable {

  private final WorkflowClient client;
  private final Duration deadline;
  private final ExecutorService queries =
      Executors.newFixedThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "channelshift-metrics-query");
            t.setDaemon(true);
            return t;
          });

  WorkflowClientReads(WorkflowClient client, Duration deadline) {
    this.client = client;
    this.deadline = deadline;
  }

  @Override
  public boolean reachable() {
    try {
      client
          .getWorkflowServiceStubs()
          .blockingStub()
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      // a server that does not know the call still answered
      return e.getStatus().getCode() == Status.Code.UNIMPLEMENTED;
    }
  }

  @Override
  public Optional<MigrationStatus> migration(String migrationId) throws Exception {
    return bounded(
        () ->
            client
                .newWorkflowStub(
                    MigrationWorkflow.class, TemporalNames.migrationWorkflowId(migrationId))
                .status());
  }

  @Override
  public Optional<ChannelHealthStatus> scopeHealth(String scope) throws Exception {
    return bounded(
        () ->
            client
                .newWorkflowStub(
                    ChannelHealthWorkflow.class, TemporalNames.channelHealthWorkflowId(scope))
                .status());
  }

  private <T> Optional<T> bounded(Callable<T> query) throws Exception {
    Future<T> answer = queries.submit(query);
    try {
      return Optional.ofNullable(answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS));
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof WorkflowNotFoundException) {
        return Optional.empty();
      }
      throw e.getCause() instanceof Exception cause ? cause : e;
    } finally {
      answer.cancel(true);
    }
  }

  @Override
  public void close() {
    queries.shutdownNow();
  }
}
