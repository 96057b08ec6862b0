package io.channelshift.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.enums.v1.EventType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reconciliation, daily and scheduler workflows on the time-skipping test server, activities
 * mocked.
 */
class ReconciliationWorkflowTest {

  /** 2026-11-25T01:00:00Z: an hour before the default daily time. */
  private static final long START = Instant.parse("2026-11-25T01:00:00Z").toEpochMilli();

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .useInternalService()
          .registerWorkflowImplementationTypes(
              ReconciliationWorkflowImpl.class,
              DailyReconciliationWorkflowImpl.class,
              ReconciliationSchedulerWorkflowImpl.class)
          .setInitialTime(Instant.ofEpochMilli(START))
          .setDoNotStart(true)
          .build();

  private final ReconciliationActivities activities =
      mock(ReconciliationActivities.class, withSettings().withoutAnnotations());
  private final List<ReconciliationRequest> completed = new CopyOnWriteArrayList<>();
  private final AtomicLong pendingRepairs = new AtomicLong();
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.env = env;
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(activities);
    env.start();
    when(activities.stageStatement(any())).thenReturn(new StagedStatement(120, 0));
    when(activities.match(any())).thenReturn(new MatchResult(117, 3, 0));
    when(activities.channels()).thenReturn(List.of("legacy", "nova"));
    when(activities.confirmRepairs(any())).thenAnswer(i -> pendingRepairs.get());
    when(activities.complete(any()))
        .thenAnswer(
            i -> {
              ReconciliationRequest r = i.getArgument(0);
              completed.add(r);
              return new ReconciliationSummary(
                  r.channel(), r.day(), 120, 117, 3, 0, pendingRepairs.get());
            });
  }

  @Test
  void aDayIsStagedMatchedAndCompleted_withoutRepairsWhenNothingIsRepairable() {
    ReconciliationSummary summary = reconcile("legacy", "2026-11-24");

    assertThat(summary.matched()).isEqualTo(117);
    assertThat(completed).containsExactly(new ReconciliationRequest("legacy", "2026-11-24"));
    verify(activities, never()).repair(any(), anyLong());
  }

  @Test
  void repairsAreTakenInBatchesThenAwaitedUntilTheyReachTheLedger() {
    when(activities.match(any())).thenReturn(new MatchResult(100, 20, 120));
    when(activities.repair(any(), anyLong()))
        .thenAnswer(
            i -> {
              long after = i.getArgument(1);
              return after < 100
                  ? new RepairBatch(50, 50, after + 50, true)
                  : new RepairBatch(20, 19, after + 20, false);
            });
    pendingRepairs.set(4);
    ReconciliationWorkflow run =
        client.newWorkflowStub(ReconciliationWorkflow.class, options("reconcile-legacy-x"));
    WorkflowClient.start(run::run, new ReconciliationRequest("legacy", "2026-11-24"));
    env.sleep(Duration.ofSeconds(10));
    pendingRepairs.set(0); // the payments have taken the provider's word and recorded it

    ReconciliationSummary summary =
        client.newUntypedWorkflowStub("reconcile-legacy-x").getResult(ReconciliationSummary.class);

    verify(activities).repair(any(), eq(0L));
    verify(activities).repair(any(), eq(50L));
    verify(activities).repair(any(), eq(100L));
    assertThat(summary.repairsPending()).isZero();
    assertThat(run.progress().handedOverForRepair()).isEqualTo(119);
    assertThat(run.progress().phase()).isEqualTo("completed");
  }

  @Test
  void repairsThatNeverReachTheLedgerDoNotHoldTheRunForever() {
    when(activities.match(any())).thenReturn(new MatchResult(100, 1, 1));
    when(activities.repair(any(), anyLong())).thenReturn(new RepairBatch(1, 1, 7, false));
    pendingRepairs.set(1);

    ReconciliationSummary summary = reconcile("legacy", "2026-11-24");

    assertThat(summary.repairsPending()).isEqualTo(1);
    verify(activities, times(6)).confirmRepairs(any());
  }

  @Test
  void theSchedulerReconcilesEveryChannelsPreviousDayAtTheConfiguredTime_thenContinuesAsNew() {
    ReconciliationSchedulerWorkflow scheduler =
        client.newWorkflowStub(
            ReconciliationSchedulerWorkflow.class, options(ReconciliationScheduler.WORKFLOW_ID));
    WorkflowClient.start(scheduler::run, new ReconciliationScheduler("02:00"));

    env.sleep(Duration.ofMinutes(59));
    assertThat(completed).isEmpty(); // 01:59: not yet
    env.sleep(Duration.ofMinutes(5));
    assertThat(completed)
        .containsExactlyInAnyOrder(
            new ReconciliationRequest("legacy", "2026-11-24"),
            new ReconciliationRequest("nova", "2026-11-24"));
    assertThat(client.fetchHistory("reconcile-legacy-2026-11-24").getHistory().getEventsList())
        .anyMatch(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED);

    env.sleep(Duration.ofDays(1));
    assertThat(completed)
        .contains(
            new ReconciliationRequest("legacy", "2026-11-25"),
            new ReconciliationRequest("nova", "2026-11-25"));
    assertThat(
            client.fetchHistory(ReconciliationScheduler.WORKFLOW_ID).getHistory().getEventsList())
        .as("each day is a new run of the scheduler")
        .hasSizeLessThan(40);
  }

  @Test
  void theDailyRunWithoutADayTakesTheDayBeforeIt() {
    DailyReconciliationWorkflow daily =
        client.newWorkflowStub(DailyReconciliationWorkflow.class, options("reconcile-day"));
    List<ReconciliationSummary> done = daily.run(new DailyReconciliation(null));

    assertThat(done).extracting(ReconciliationSummary::channel).containsExactly("legacy", "nova");
    assertThat(done).extracting(ReconciliationSummary::day).containsOnly("2026-11-24");
  }

  private ReconciliationSummary reconcile(String channel, String day) {
    ReconciliationRequest request = new ReconciliationRequest(channel, day);
    return client
        .newWorkflowStub(ReconciliationWorkflow.class, options(request.workflowId()))
        .run(request);
  }

  private WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue(taskQueue).build();
  }
}
