package io.channelshift.app.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.temporal.api.operatorservice.v1.OperatorServiceGrpc;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What Temporal Cloud does to a namespace's API key: AddSearchAttributes is PERMISSION_DENIED (and,
 * when {@link #denyListing} is set, ListSearchAttributes too; DescribeNamespace when {@link
 * #denyDescribingTheNamespace} is). Switched on and off by the test, to set a namespace up first.
 */
public final class RefusingOperator implements ServerInterceptor {

  private static final String ADD =
      OperatorServiceGrpc.getAddSearchAttributesMethod().getFullMethodName();
  private static final String LIST =
      OperatorServiceGrpc.getListSearchAttributesMethod().getFullMethodName();

  private static final String DESCRIBE =
      WorkflowServiceGrpc.getDescribeNamespaceMethod().getFullMethodName();

  public final AtomicBoolean denyAdding = new AtomicBoolean(true);
  public final AtomicBoolean denyListing = new AtomicBoolean(false);
  public final AtomicBoolean denyDescribingTheNamespace = new AtomicBoolean(false);

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    String method = call.getMethodDescriptor().getFullMethodName();
    if ((method.equals(ADD) && denyAdding.get())
        || (method.equals(LIST) && denyListing.get())
        || (method.equals(DESCRIBE) && denyDescribingTheNamespace.get())) {
      call.close(Status.PERMISSION_DENIED.withDescription("Request unauthorized."), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
