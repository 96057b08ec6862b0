package io.channelshift.config;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;

/**
 * Runs a worker without sticky execution: the sticky attributes of every completed workflow task
 * are dropped, so the server sends a workflow's next task to the shared task queue, not to this
 * worker's own queue. A Temporal cluster does that by itself once a sticky task waits longer than
 * its schedule-to-start timeout (a dead worker); the embedded test server never does, so a worker
 * that may be killed while the test server lives on (the fault drills) runs this way. Costlier per
 * task (the whole history is replayed), so off by default.
 */
final class NoStickyExecution implements ClientInterceptor {

  @Override
  public <Q, A> ClientCall<Q, A> interceptCall(
      MethodDescriptor<Q, A> method, CallOptions options, Channel next) {
    ClientCall<Q, A> call = next.newCall(method, options);
    if (!method.getFullMethodName().endsWith("/RespondWorkflowTaskCompleted")) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      @Override
      @SuppressWarnings("unchecked")
      public void sendMessage(Q message) {
        if (message instanceof RespondWorkflowTaskCompletedRequest completed
            && completed.hasStickyAttributes()) {
          message = (Q) completed.toBuilder().clearStickyAttributes().build();
        }
        super.sendMessage(message);
      }
    };
  }
}
