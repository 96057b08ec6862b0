package io.channelshift.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.temporal.api.taskqueue.v1.StickyExecutionAttributes;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.workflowservice.v1.RespondWorkflowTaskCompletedRequest;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoStickyExecutionTest {

  private final List<Object> sent = new ArrayList<>();

  /** A channel whose calls only remember what they were given to send. */
  private final Channel recorder =
      new Channel() {
        @Override
        public <Q, A> ClientCall<Q, A> newCall(MethodDescriptor<Q, A> method, CallOptions options) {
          return new ClientCall<>() {
            @Override
            public void start(Listener<A> listener, Metadata headers) {}

            @Override
            public void request(int n) {}

            @Override
            public void cancel(String message, Throwable cause) {}

            @Override
            public void halfClose() {}

            @Override
            public void sendMessage(Q message) {
              sent.add(message);
            }
          };
        }

        @Override
        public String authority() {
          return "test";
        }
      };

  @Test
  void aCompletedWorkflowTaskLeavesWithoutItsStickyAttributesAndEverythingElseAsItWas() {
    RespondWorkflowTaskCompletedRequest completed =
        RespondWorkflowTaskCompletedRequest.newBuilder()
            .setIdentity("worker-1")
            .setStickyAttributes(
                StickyExecutionAttributes.newBuilder()
                    .setWorkerTaskQueue(TaskQueue.newBuilder().setName("worker-1:sticky")))
            .build();

    new NoStickyExecution()
        .interceptCall(
            WorkflowServiceGrpc.getRespondWorkflowTaskCompletedMethod(),
            CallOptions.DEFAULT,
            recorder)
        .sendMessage(completed);

    RespondWorkflowTaskCompletedRequest out = (RespondWorkflowTaskCompletedRequest) sent.get(0);
    assertThat(out.hasStickyAttributes()).isFalse();
    assertThat(out.getIdentity()).isEqualTo("worker-1");
  }

  @Test
  void otherCallsPassUntouched() {
    var poll =
        io.temporal.api.workflowservice.v1.PollWorkflowTaskQueueRequest.newBuilder()
            .setIdentity("w")
            .build();

    new NoStickyExecution()
        .interceptCall(
            WorkflowServiceGrpc.getPollWorkflowTaskQueueMethod(), CallOptions.DEFAULT, recorder)
        .sendMessage(poll);

    assertThat(sent).containsExactly(poll);
  }
}
