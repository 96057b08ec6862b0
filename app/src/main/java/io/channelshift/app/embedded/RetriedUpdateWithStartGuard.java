package io.channelshift.app.embedded;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.UUID;

/**
 * Works around a Temporal test server bug in update-with-start: when the client sends an
 * update-with-start again (its first attempt ran out of time because no worker took the update: a
 * worker being restarted), the test server recognises the start's request id, answers "started" for
 * the run the first attempt began, skips the update, and then fails with a NullPointerException
 * waiting for an update it never registered. The client gets UNKNOWN, the platform a 503, and the
 * log a stack trace. A cluster attaches the update to the running workflow instead.
 *
 * <p>This interceptor, in front of the embedded test server only, gives the start of every
 * update-with-start that uses the running workflow when there is one (conflict policy USE_EXISTING,
 * as the payment's and the benchmark's do) a request id of its own. A retry then finds the workflow
 * running, uses it, and attaches its update, which the test server recognises by its update id when
 * the first attempt had registered it. Nothing is lost: with USE_EXISTING a start never begins a
 * second run, which is all the request id would have prevented.
 */
final class RetriedUpdateWithStartGuard implements ServerInterceptor {

  private static final String MULTI_OPERATION =
      WorkflowServiceGrpc.getExecuteMultiOperationMethod().getFullMethodName();

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    if (!call.getMethodDescriptor().getFullMethodName().equals(MULTI_OPERATION)) {
      return delegate;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      @SuppressWarnings("unchecked")
      public void onMessage(Q message) {
        super.onMessage((Q) withOwnStartRequestIds((ExecuteMultiOperationRequest) message));
      }
    };
  }

  static ExecuteMultiOperationRequest withOwnStartRequestIds(ExecuteMultiOperationRequest request) {
    ExecuteMultiOperationRequest.Builder changed = request.toBuilder();
    for (ExecuteMultiOperationRequest.Operation.Builder operation :
        changed.getOperationsBuilderList()) {
      if (operation.hasStartWorkflow()
          && operation.getStartWorkflow().getWorkflowIdConflictPolicy()
              == WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING) {
        operation.getStartWorkflowBuilder().setRequestId(UUID.randomUUID().toString());
      }
    }
    return changed.build();
  }
}
