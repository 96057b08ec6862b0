package io.channelshift.probes;

import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Temporal answers: one {@code GetSystemInfo} call (what the SDK itself asks first; no namespace,
 * no history) on this process's own connection, so TLS and the API key are tested too, with a gRPC
 * deadline.
 */
public final class TemporalProbe implements Probe {

  private final WorkflowServiceStubs stubs;
  private final Duration deadline;

  public TemporalProbe(WorkflowServiceStubs stubs, Duration deadline) {
    this.stubs = stubs;
    this.deadline = deadline;
  }

  @Override
  public ProbeResult check() {
    try {
      stubs
          .blockingStub()
          .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return ProbeResult.UP;
    } catch (StatusRuntimeException e) {
      return ProbeResult.down("Temporal answered " + e.getStatus().getCode());
    }
  }
}
