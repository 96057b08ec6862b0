package io.channelshift.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.util.List;

/**
 * Every channel's reconciliation for one business day, each as its own {@code
 * reconcile-{channel}-{day}} run. Started by the daily Temporal Schedule (a real cluster) or by the
 * scheduler workflow (the embedded test server).
 */
@WorkflowInterface
public interface DailyReconciliationWorkflow {

  @WorkflowMethod
  List<ReconciliationSummary> run(DailyReconciliation request);
}
