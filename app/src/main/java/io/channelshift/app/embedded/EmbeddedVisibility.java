package io.channelshift.app.embedded;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ScanWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.internal.testservice.TestServicesStarter;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers the visibility calls the Temporal test server leaves unimplemented: {@code
 * ListWorkflowExecutions} (the Temporal UI's workflow list, {@code temporal workflow list
 * --query}), {@code ScanWorkflowExecutions} (the same, unordered on a cluster) and {@code
 * CountWorkflowExecutions}, over the runs the server holds ({@link VisibilityAnswers}). A query it
 * cannot answer exactly gets INVALID_ARGUMENT with the reason. Every other call goes on to the test
 * server.
 */
final class EmbeddedVisibility implements ServerInterceptor {

  private final Map<String, ServerCallHandler<?, ?>> answered;

  EmbeddedVisibility(TestServicesStarter services) {
    VisibilityAnswers answers = new VisibilityAnswers(new TestServerExecutions(services));
    this.answered =
        Map.of(
            WorkflowServiceGrpc.getListWorkflowExecutionsMethod().getFullMethodName(),
            unary((ListWorkflowExecutionsRequest r) -> answers.list(r)),
            WorkflowServiceGrpc.getScanWorkflowExecutionsMethod().getFullMethodName(),
            unary((ScanWorkflowExecutionsRequest r) -> scan(answers, r)),
            WorkflowServiceGrpc.getCountWorkflowExecutionsMethod().getFullMethodName(),
            unary((CountWorkflowExecutionsRequest r) -> answers.count(r)));
  }

  @Override
  @SuppressWarnings("unchecked")
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCallHandler<Q, A> handler =
        (ServerCallHandler<Q, A>) answered.get(call.getMethodDescriptor().getFullMethodName());
    return (handler == null ? next : handler).startCall(call, headers);
  }

  private static ScanWorkflowExecutionsResponse scan(
      VisibilityAnswers answers, ScanWorkflowExecutionsRequest request) {
    ListWorkflowExecutionsResponse list =
        answers.list(
            ListWorkflowExecutionsRequest.newBuilder()
                .setNamespace(request.getNamespace())
                .setPageSize(request.getPageSize())
                .setNextPageToken(request.getNextPageToken())
                .setQuery(request.getQuery())
                .build());
    return ScanWorkflowExecutionsResponse.newBuilder()
        .addAllExecutions(list.getExecutionsList())
        .setNextPageToken(list.getNextPageToken())
        .build();
  }

  private static <Q, A> ServerCallHandler<Q, A> unary(Function<Q, A> answer) {
    return ServerCalls.asyncUnaryCall(
        (Q request, StreamObserver<A> response) -> {
          A answered;
          try {
            answered = answer.apply(request);
          } catch (InvalidQueryException e) {
            response.onError(
                Status.INVALID_ARGUMENT
                    .withDescription("invalid query: " + e.getMessage())
                    .asRuntimeException());
            return;
          } catch (RuntimeException e) {
            response.onError(
                Status.INTERNAL
                    .withDescription("the embedded visibility failed: " + e)
                    .withCause(e)
                    .asRuntimeException());
            return;
          }
          response.onNext(answered);
          response.onCompleted();
        });
  }
}
