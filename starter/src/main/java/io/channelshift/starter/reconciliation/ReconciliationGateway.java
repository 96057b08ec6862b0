package io.channelshift.starter.reconciliation;

import io.channelshift.fees.ChannelFees;
import io.channelshift.reconciliation.ReconciliationProgress;
import io.channelshift.reconciliation.ReconciliationRequest;
import io.channelshift.reconciliation.ReconciliationWorkflow;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.store.ReconciliationReports;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowQueryException;
import java.time.Clock;
import java.time.LocalDate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Starts reconciliation runs and asks running ones where they are. */
@Service
class ReconciliationGateway {

  /** A run as started: its workflow id, to follow it in the Temporal UI. */
  record Started(String workflowId, String channel, String date, String status) {}

  /** A day's report and, while the run is going, its progress (null once it has ended). */
  record View(ReconciliationReports.Report report, ReconciliationProgress progress) {}

  private final WorkflowClient client;
  private final ChannelFees fees;
  private final Clock clock = Clock.systemUTC();

  ReconciliationGateway(WorkflowClient client, ChannelFees fees) {
    this.client = client;
    this.fees = fees;
  }

  LocalDate today(String channel) {
    return LocalDate.now(clock.withZone(fees.zone(channel)));
  }

  /**
   * Starts the day's run; a day already being reconciled is refused (409), a finished day runs
   * again.
   */
  Started start(ReconciliationRequest request) {
    ReconciliationWorkflow run =
        client.newWorkflowStub(
            ReconciliationWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(request.workflowId())
                .setTaskQueue(TemporalNames.RECONCILIATION_TASK_QUEUE)
                .setWorkflowIdReusePolicy(
                    WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_FAIL)
                .setStaticSummary(
                    "Reconcile **" + request.channel() + "** for " + request.day() + " (by hand)")
                .build());
    try {
      WorkflowClient.start(run::run, request);
    } catch (WorkflowExecutionAlreadyStarted e) {
      throw new ApiProblem(
          HttpStatus.CONFLICT,
          "Reconciliation running",
          request.channel()
              + " for "
              + request.day()
              + " is being reconciled now ("
              + request.workflowId()
              + "); start it again once it ends");
    }
    return new Started(request.workflowId(), request.channel(), request.day(), "RUNNING");
  }

  /**
   * The latest run's progress as its workflow reports it; null when Temporal no longer holds it.
   */
  ReconciliationProgress progress(ReconciliationRequest request) {
    try {
      return client
          .newUntypedWorkflowStub(request.workflowId())
          .query("progress", ReconciliationProgress.class);
    } catch (WorkflowNotFoundException | WorkflowQueryException e) {
      return null;
    }
  }
}
