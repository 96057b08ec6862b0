package io.channelshift.reconciliation;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One channel's business day, matched against the ledger. Workflow ID {@code
 * reconcile-{channel}-{day}}.
 */
@WorkflowInterface
public interface ReconciliationWorkflow {

  @WorkflowMethod
  ReconciliationSummary run(ReconciliationRequest request);

  @QueryMethod(
      name = "progress",
      description = "Phase, lines staged, matched, differences, repairs")
  ReconciliationProgress progress();
}
