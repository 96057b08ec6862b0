package io.channelshift.reconciliation;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.slf4j.Logger;

public class ReconciliationSchedulerWorkflowImpl implements ReconciliationSchedulerWorkflow {

  private static final Logger log = Workflow.getLogger(ReconciliationSchedulerWorkflowImpl.class);

  @Override
  public void run(ReconciliationScheduler schedule) {
    ZonedDateTime now = Instant.ofEpochMilli(Workflow.currentTimeMillis()).atZone(ZoneOffset.UTC);
    ZonedDateTime next = now.toLocalDate().atTime(schedule.time()).atZone(ZoneOffset.UTC);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    String day = next.toLocalDate().minusDays(1).toString();
    Workflow.setCurrentDetails(
        "Next: every channel's " + day + " at " + next.toInstant() + " (UTC)");
    Workflow.sleep(Duration.between(now, next));
    DailyReconciliationWorkflow daily =
        Workflow.newChildWorkflowStub(
            DailyReconciliationWorkflow.class,
            ChildWorkflowOptions.newBuilder()
                .setWorkflowId("reconcile-day-" + day)
                .setStaticSummary("Reconcile every channel for " + day)
                .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                .build());
    try {
      daily.run(new DailyReconciliation(day));
    } catch (ChildWorkflowFailure e) {
      log.warn("the daily reconciliation of {} did not complete: {}", day, e.getMessage());
    }
    // One day per run keeps the history short however long the scheduler lives.
    Workflow.continueAsNew(schedule);
  }
}
