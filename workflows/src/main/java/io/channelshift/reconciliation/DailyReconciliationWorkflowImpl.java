package io.channelshift.reconciliation;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Starts one reconciliation per channel for the day and waits for them all; one failing does not
 * stop the rest.
 */
public class DailyReconciliationWorkflowImpl implements DailyReconciliationWorkflow {

  private static final Logger log = Workflow.getLogger(DailyReconciliationWorkflowImpl.class);

  private final ReconciliationActivities activities =
      Workflow.newActivityStub(
          ReconciliationActivities.class,
          ActivityOptions.newBuilder()
              .setSummary("list the channels")
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofHours(1))
              .setRetryOptions(
                  RetryOptions.newBuilder().setMaximumInterval(Duration.ofMinutes(1)).build())
              .build());

  @Override
  public List<ReconciliationSummary> run(DailyReconciliation request) {
    String day =
        request.day() != null
            ? request.day()
            : LocalDate.ofInstant(
                    Instant.ofEpochMilli(Workflow.currentTimeMillis()), ZoneOffset.UTC)
                .minusDays(1)
                .toString();
    Map<String, Promise<ReconciliationSummary>> runs = new LinkedHashMap<>();
    for (String channel : activities.channels()) {
      ReconciliationRequest r = new ReconciliationRequest(channel, day);
      ReconciliationWorkflow child =
          Workflow.newChildWorkflowStub(
              ReconciliationWorkflow.class,
              ChildWorkflowOptions.newBuilder()
                  .setWorkflowId(r.workflowId())
                  .setStaticSummary("Reconcile **" + channel + "** for " + day)
                  // A run outlives a scheduler that is restarted with new settings.
                  .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
                  .build());
      runs.put(channel, Async.function(child::run, r));
    }
    Workflow.setCurrentDetails("Reconciling " + runs.keySet() + " for " + day);
    List<ReconciliationSummary> done = new ArrayList<>();
    runs.forEach(
        (channel, run) -> {
          try {
            done.add(run.get());
          } catch (ChildWorkflowFailure e) {
            // Most often a run of the same day started by hand is still going: it reports on its
            // own.
            log.warn(
                "reconciliation of {} for {} did not complete here: {}",
                channel,
                day,
                e.getMessage());
          }
        });
    return done;
  }
}
