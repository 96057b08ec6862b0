package io.channelshift.worker;

import io.channelshift.reconciliation.DailyReconciliation;
import io.channelshift.reconciliation.DailyReconciliationWorkflow;
import io.channelshift.reconciliation.ReconciliationScheduler;
import io.channelshift.reconciliation.ReconciliationSchedulerWorkflow;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes sure the previous day is reconciled every day: with a Temporal Schedule on a real cluster,
 * or with the scheduler workflow where the server has no schedules (the embedded test server).
 * Which one is configuration ({@code channelshift.reconciliation.scheduler}), never a silent
 * fallback.
 */
public final class ReconciliationScheduling {

  public static final String SCHEDULE_ID = "channelshift-daily-reconciliation";
  private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduling.class);

  private ReconciliationScheduling() {}

  public static void ensure(String mode, ReconciliationScheduler at, WorkflowClient client) {
    switch (mode) {
      case "schedule" -> ensureSchedule(at, client);
      case "workflow" -> ensureSchedulerWorkflow(at, client);
      case "off" ->
          log.info("daily reconciliation is off (channelshift.reconciliation.scheduler=off)");
      default ->
          throw new IllegalStateException(
              "channelshift.reconciliation.scheduler must be schedule, workflow "
                  + "or off, not '"
                  + mode
                  + "'");
    }
  }

  /**
   * (Re)starts the scheduler workflow with the settings of this process: a running one is replaced,
   * so a new time takes effect; a day's reconciliation it had started keeps running (its parent
   * close policy is ABANDON).
   */
  private static void ensureSchedulerWorkflow(ReconciliationScheduler at, WorkflowClient client) {
    ReconciliationSchedulerWorkflow scheduler =
        client.newWorkflowStub(
            ReconciliationSchedulerWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(ReconciliationScheduler.WORKFLOW_ID)
                .setTaskQueue(TemporalNames.RECONCILIATION_TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_TERMINATE_EXISTING)
                .setStaticSummary("Reconcile every channel's previous day at " + at.at() + " UTC")
                .build());
    WorkflowClient.start(scheduler::run, at);
    log.info(
        "daily reconciliation at {} UTC by the scheduler workflow {}",
        at.at(),
        ReconciliationScheduler.WORKFLOW_ID);
  }

  private static void ensureSchedule(ReconciliationScheduler at, WorkflowClient client) {
    ScheduleClient schedules =
        ScheduleClient.newInstance(
            client.getWorkflowServiceStubs(),
            ScheduleClientOptions.newBuilder()
                .setNamespace(client.getOptions().getNamespace())
                .setDataConverter(client.getOptions().getDataConverter())
                .build());
    Schedule schedule = dailySchedule(at);
    try {
      schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
      log.info(
          "created Temporal Schedule {}: every channel's previous day at {} UTC",
          SCHEDULE_ID,
          at.at());
    } catch (ScheduleAlreadyRunningException e) {
      schedules.getHandle(SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
      log.info(
          "updated Temporal Schedule {}: every channel's previous day at {} UTC",
          SCHEDULE_ID,
          at.at());
    }
  }

  /**
   * Every day at the configured time (UTC), one day's reconciliation, never two at once, caught up
   * for a day.
   */
  static Schedule dailySchedule(ReconciliationScheduler at) {
    return Schedule.newBuilder()
        .setAction(
            ScheduleActionStartWorkflow.newBuilder()
                .setWorkflowType(DailyReconciliationWorkflow.class)
                .setArguments(new DailyReconciliation(null))
                .setOptions(
                    WorkflowOptions.newBuilder()
                        .setWorkflowId("reconcile-day")
                        .setTaskQueue(TemporalNames.RECONCILIATION_TASK_QUEUE)
                        .build())
                .build())
        .setSpec(
            ScheduleSpec.newBuilder()
                .setCalendars(
                    List.of(
                        ScheduleCalendarSpec.newBuilder()
                            .setHour(List.of(new ScheduleRange(at.time().getHour())))
                            .setMinutes(List.of(new ScheduleRange(at.time().getMinute())))
                            .setComment("reconcile the previous day")
                            .build()))
                .setTimeZoneName("UTC")
                .build())
        .setPolicy(
            SchedulePolicy.newBuilder()
                .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
                .setCatchupWindow(Duration.ofDays(1))
                .build())
        .build();
  }
}
