package io.channelshift.config;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.DescribeNamespaceRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the configured Temporal about its namespace once, at start-up: a server that is not there,
 * or a namespace it does not have, stops start-up with one line naming the address, instead of a
 * worker that polls nothing and a starter whose payments all time out. A server that answers but
 * does not let this process describe the namespace (PERMISSION_DENIED) is let through with a
 * warning: its credential may still be enough for workflows.
 */
public final class TemporalReachability {

  private static final Logger log = LoggerFactory.getLogger(TemporalReachability.class);
  private static final long DEADLINE_SECONDS = 10;

  private TemporalReachability() {}

  /** Returns when the namespace answers; throws {@link TemporalNotUsable} otherwise. */
  public static void require(TemporalProperties temporal) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            TemporalConnection.configure(WorkflowServiceStubsOptions.newBuilder(), temporal)
                .build());
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
          .describeNamespace(
              DescribeNamespaceRequest.newBuilder().setNamespace(temporal.namespace()).build());
    } catch (StatusRuntimeException e) {
      Status.Code code = e.getStatus().getCode();
      if (code == Status.Code.PERMISSION_DENIED || code == Status.Code.UNIMPLEMENTED) {
        // it answered: a credential scoped to less than describing the namespace may still be
        // enough to run workflows, so this check does not stand in the way
        log.warn(
            "Temporal at {} answers, but not DescribeNamespace for '{}' ({}); going on",
            temporal.target(),
            temporal.namespace(),
            code);
        return;
      }
      throw new TemporalNotUsable(problem(temporal, e.getStatus()));
    } finally {
      stubs.shutdownNow();
    }
  }

  static String problem(TemporalProperties temporal, Status status) {
    String where = "Temporal at " + temporal.target();
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED ->
          where
              + " is not reachable ("
              + describe(status)
              + "); is it running (e.g. `temporal server start-dev`), and is the address right?";
      case NOT_FOUND ->
          where
              + " has no namespace '"
              + temporal.namespace()
              + "' (create it: temporal operator namespace create --namespace "
              + temporal.namespace()
              + ")";
      case UNAUTHENTICATED ->
          where
              + " refused this process ("
              + describe(status)
              + "); check channelshift.temporal.api-key and tls.*";
      default ->
          where
              + " did not answer for namespace '"
              + temporal.namespace()
              + "' ("
              + describe(status)
              + ")";
    };
  }

  private static String describe(Status status) {
    return status.getDescription() == null
        ? status.getCode().name()
        : status.getCode() + ": " + status.getDescription();
  }
}
