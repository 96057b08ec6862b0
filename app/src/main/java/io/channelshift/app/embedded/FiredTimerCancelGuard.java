package io.channelshift.app.embedded;

import com.google.protobuf.util.Durations;
import com.google.protobuf.util.Timestamps;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.temporal.api.command.v1.Command;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.CommandType;
import io.temporal.api.enums.v1.WorkflowTaskFailedCause;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskFailedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Works around a Temporal test server bug (temporalio/sdk-java#2606, fix proposed in #3060, not in
 * 1.38): a timer that fires while a workflow task is running has its TimerFired event held back
 * until the task completes, and when that task's completion cancels the timer (our payment cancels
 * its query timer when the callback wins), the test server refuses the completion with {@code
 * INVALID_ARGUMENT: invalid history builder state for action} after having already marked the task
 * completed. No task is scheduled again and the workflow stays running forever. A cluster accepts
 * the cancel and records TimerCanceled. A worker restarted after a {@code kill -9} replays slowly,
 * so the fault drills hit it about once in a few hundred payments.
 *
 * <p>This interceptor, in front of the embedded test server only, looks at each workflow task
 * completion that cancels a timer: when the timer's fire time has passed (it has fired, or is about
 * to, during the task), the completion is turned into a workflow task failure, which the test
 * server handles correctly: it schedules a new task that carries the TimerFired event, and the
 * worker replays with it and no longer cancels the timer. The worker gets NOT_FOUND for its
 * completion, as for any completion of a task that is gone, and moves on.
 */
final class FiredTimerCancelGuard implements ServerInterceptor {

  private static final Logger log = LoggerFactory.getLogger(FiredTimerCancelGuard.class);

  /** A timer due this soon may fire between this check and the server applying the completion. */
  private static final long DUE_MARGIN_MS = 100;

  private static final String COMPLETED =
      WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod().getFullMethodName();

  private final WorkflowServiceGrpc.WorkflowServiceImplBase service;
  private final String namespace;

  FiredTimerCancelGuard(WorkflowServiceGrpc.WorkflowServiceImplBase service, String namespace) {
    this.service = service;
    this.namespace = namespace;
  }

  @Override
  public <Q, A> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
    ServerCall.Listener<Q> delegate = next.startCall(call, headers);
    if (!call.getMethodDescriptor().getFullMethodName().equals(COMPLETED)) {
      return delegate;
    }
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      private boolean diverted;

      @Override
      public void onMessage(Q message) {
        RespondWorkflowTaskCompletedRequest completion =
            (RespondWorkflowTaskCompletedRequest) message;
        Optional<String> fired = firedTimerItCancels(completion);
        if (fired.isPresent()) {
          diverted = true;
          failInstead(completion, fired.get());
          call.close(
              Status.NOT_FOUND.withDescription(
                  "workflow task failed instead: timer " + fired.get() + " fired while it ran"),
              new Metadata());
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!diverted) {
          super.onHalfClose();
        }
      }
    };
  }

  /** A timer this completion cancels whose fire time has passed, if any. */
  private Optional<String> firedTimerItCancels(RespondWorkflowTaskCompletedRequest completion) {
    List<String> cancelled =
        completion.getCommandsList().stream()
            .filter(c -> c.getCommandType() == CommandType.COMMAND_TYPE_CANCEL_TIMER)
            .map(Command::getCancelTimerCommandAttributes)
            .map(a -> a.getTimerId())
            .toList();
    if (cancelled.isEmpty()) {
      return Optional.empty();
    }
    try {
      List<HistoryEvent> history = history(executionOf(completion.getTaskToken().toByteArray()));
      long now = System.currentTimeMillis();
      for (HistoryEvent e : history) {
        if (e.hasTimerStartedEventAttributes()
            && cancelled.contains(e.getTimerStartedEventAttributes().getTimerId())) {
          long fireAt =
              Timestamps.toMillis(e.getEventTime())
                  + Durations.toMillis(e.getTimerStartedEventAttributes().getStartToFireTimeout());
          if (fireAt <= now + DUE_MARGIN_MS) {
            return Optional.of(e.getTimerStartedEventAttributes().getTimerId());
          }
        }
      }
    } catch (IOException | RuntimeException | InterruptedException | ExecutionException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      // Passed on unchanged: the test server then behaves as it would without this guard.
      log.warn(
          "could not check the timers of a workflow task completion; passing it on as it is", e);
    }
    return Optional.empty();
  }

  private void failInstead(RespondWorkflowTaskCompletedRequest completion, String timerId) {
    log.debug(
        "timer {} fired during the workflow task that cancels it: failing the task so that it runs again",
        timerId);
    service.respondWorkflowTaskFailed(
        RespondWorkflowTaskFailedRequest.newBuilder()
            .setNamespace(completion.getNamespace())
            .setTaskToken(completion.getTaskToken())
            .setIdentity(completion.getIdentity())
            .setCause(WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND)
            .build(),
        new Ignore<>());
  }

  private List<HistoryEvent> history(WorkflowExecution execution)
      throws InterruptedException, ExecutionException {
    CompletableFuture<GetWorkflowExecutionHistoryResponse> answer = new CompletableFuture<>();
    service.getWorkflowExecutionHistory(
        GetWorkflowExecutionHistoryRequest.newBuilder()
            .setNamespace(namespace)
            .setExecution(execution)
            .build(),
        new StreamObserver<>() {
          @Override
          public void onNext(GetWorkflowExecutionHistoryResponse value) {
            answer.complete(value);
          }

          @Override
          public void onError(Throwable t) {
            answer.completeExceptionally(t);
          }

          @Override
          public void onCompleted() {}
        });
    return answer.get().getHistory().getEventsList();
  }

  /**
   * The execution a workflow task token names. The test server writes it as {@code
   * DataOutputStream} UTF strings: namespace, workflow id, run id, then the history size ({@code
   * WorkflowTaskToken}, {@code ExecutionId}).
   */
  static WorkflowExecution executionOf(byte[] taskToken) throws IOException {
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(taskToken));
    in.readUTF(); // namespace
    String workflowId = in.readUTF();
    String runId = in.readUTF();
    return WorkflowExecution.newBuilder().setWorkflowId(workflowId).setRunId(runId).build();
  }

  /** A response nobody waits for. */
  private static final class Ignore<T> implements StreamObserver<T> {
    @Override
    public void onNext(T value) {}

    @Override
    public void onError(Throwable t) {
      log.warn(
          "failing a workflow task in place of its completion failed; the workflow may wait for a human",
          t);
    }

    @Override
    public void onCompleted() {}
  }
}
