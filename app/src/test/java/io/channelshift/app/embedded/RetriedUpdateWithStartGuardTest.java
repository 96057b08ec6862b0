package io.channelshift.app.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.common.v1.WorkflowType;
import io.temporal.api.enums.v1.UpdateWorkflowExecutionLifecycleStage;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.taskqueue.v1.TaskQueue;
import io.temporal.api.update.v1.Input;
import io.temporal.api.update.v1.Meta;
import io.temporal.api.update.v1.Request;
import io.temporal.api.update.v1.WaitPolicy;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationRequest;
import io.temporal.api.workflowservice.v1.ExecuteMultiOperationResponse;
import io.temporal.api.workflowservice.v1.StartWorkflowExecutionRequest;
import io.temporal.api.workflowservice.v1.UpdateWorkflowExecutionRequest;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testserver.TestServer;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An update-with-start sent again after its first attempt ran out of time with no worker to take
 * the update (a worker being restarted). The plain test server fails the retry (a
 * NullPointerException, UNKNOWN to the client); the embedded runtime's server attaches it to the
 * running workflow, and the update completes once a worker is back. When a Temporal upgrade fixes
 * the test server, the first half fails: the guard can go.
 */
class RetriedUpdateWithStartGuardTest {

  private static final String QUEUE = "retried-uws";

  @Test
  void theEmbeddedServerTakesTheRetry_thePlainTestServerFailsIt() throws Exception {
    int plainPort = FreePorts.next();
    try (TestServer.PortBoundTestServer plain = TestServer.createPortBoundServer(plainPort, true)) {
      WorkflowServiceStubs service = stubs(plainPort);
      try {
        sendWithoutWorker(service);
        assertThat(retryCode(service))
            .as("the plain test server's answer to the retry")
            .isEqualTo(Status.Code.UNKNOWN);
      } finally {
        service.shutdownNow();
      }
    }
    int guardedPort = FreePorts.next();
    try (EmbeddedTemporal guarded = EmbeddedTemporal.start(guardedPort, "default")) {
      WorkflowServiceStubs service = stubs(guardedPort);
      WorkerFactory workers = WorkerFactory.newInstance(WorkflowClient.newInstance(service));
      try {
        sendWithoutWorker(service);
        assertThat(retryCode(service)).isNotEqualTo(Status.Code.UNKNOWN);

        workers.newWorker(QUEUE).registerWorkflowImplementationTypes(WaitingImpl.class);
        workers.start();
        ExecuteMultiOperationResponse answered =
            service
                .blockingStub()
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .executeMultiOperation(updateWithStart());
        var update = answered.getResponses(1).getUpdateWorkflow();
        assertThat(update.getStage())
            .isEqualTo(
                UpdateWorkflowExecutionLifecycleStage
                    .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED);
        assertThat(
                DefaultDataConverter.STANDARD_INSTANCE.fromPayloads(
                    0,
                    java.util.Optional.of(update.getOutcome().getSuccess()),
                    String.class,
                    String.class))
            .isEqualTo("answered");
        assertThat(answered.getResponses(0).getStartWorkflow().getStarted())
            .as("the first attempt started it")
            .isFalse();
      } finally {
        workers.shutdownNow();
        service.shutdownNow();
      }
    }
  }

  @Test
  void onlyStartsThatUseTheRunningWorkflowGetTheirOwnRequestId() {
    ExecuteMultiOperationRequest request = updateWithStart();
    ExecuteMultiOperationRequest failIfRunning =
        request.toBuilder()
            .setOperations(
                0,
                request.getOperations(0).toBuilder()
                    .setStartWorkflow(
                        request.getOperations(0).getStartWorkflow().toBuilder()
                            .setWorkflowIdConflictPolicy(
                                WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)))
            .build();

    assertThat(
            RetriedUpdateWithStartGuard.withOwnStartRequestIds(request)
                .getOperations(0)
                .getStartWorkflow()
                .getRequestId())
        .isNotEqualTo("start-1");
    assertThat(RetriedUpdateWithStartGuard.withOwnStartRequestIds(failIfRunning))
        .isEqualTo(failIfRunning);
  }

  /**
   * The first attempt: no worker, so it runs out of time (or answers with the update merely
   * admitted).
   */
  private static void sendWithoutWorker(WorkflowServiceStubs service) {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(1, TimeUnit.SECONDS)
          .executeMultiOperation(updateWithStart());
    } catch (StatusRuntimeException e) {
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
    }
  }

  /**
   * The same request again, as the client sends it after a timeout: its status code, OK if it
   * answered.
   */
  private static Status.Code retryCode(WorkflowServiceStubs service) {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(1, TimeUnit.SECONDS)
          .executeMultiOperation(updateWithStart());
      return Status.Code.OK;
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode();
    }
  }

  /**
   * What the client sends for update-with-start: the same request id and update id on every
   * attempt.
   */
  private static ExecuteMultiOperationRequest updateWithStart() {
    return ExecuteMultiOperationRequest.newBuilder()
        .setNamespace("default")
        .addOperations(
            ExecuteMultiOperationRequest.Operation.newBuilder()
                .setStartWorkflow(
                    StartWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setWorkflowId("retried")
                        .setWorkflowType(WorkflowType.newBuilder().setName("Waiting"))
                        .setTaskQueue(TaskQueue.newBuilder().setName(QUEUE))
                        .setRequestId("start-1")
                        .setWorkflowIdConflictPolicy(
                            WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)))
        .addOperations(
            ExecuteMultiOperationRequest.Operation.newBuilder()
                .setUpdateWorkflow(
                    UpdateWorkflowExecutionRequest.newBuilder()
                        .setNamespace("default")
                        .setWorkflowExecution(
                            WorkflowExecution.newBuilder().setWorkflowId("retried"))
                        .setWaitPolicy(
                            WaitPolicy.newBuilder()
                                .setLifecycleStage(
                                    UpdateWorkflowExecutionLifecycleStage
                                        .UPDATE_WORKFLOW_EXECUTION_LIFECYCLE_STAGE_COMPLETED))
                        .setRequest(
                            Request.newBuilder()
                                .setMeta(Meta.newBuilder().setUpdateId("update-1"))
                                .setInput(Input.newBuilder().setName("answer")))))
        .build();
  }

  private static WorkflowServiceStubs stubs(int port) {
    return WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget("127.0.0.1:" + port).build());
  }

  @WorkflowInterface
  public interface Waiting {
    @WorkflowMethod
    void run();

    @UpdateMethod
    String answer();
  }

  public static class WaitingImpl implements Waiting {
    @Override
    public void run() {
      Workflow.await(() -> false);
    }

    @Override
    public String answer() {
      return "answered";
    }
  }
}
