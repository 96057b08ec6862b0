package io.channelshift.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * A daily schedule made of timers, for servers without Temporal Schedules (the embedded test
 * server): sleeps until the configured time, reconciles the previous day, continues as new.
 * Workflow ID {@code reconcile-scheduler}.
 */
@WorkflowInterface
public interface ReconciliationSchedulerWorkflow {

  @WorkflowMethod
  void run(ReconciliationScheduler schedule);
}
