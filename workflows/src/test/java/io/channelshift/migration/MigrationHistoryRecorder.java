package io.channelshift.migration;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.temporal.TemporalNames;
import io.channelshift.temporal.TestSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records migration histories for {@link MigrationReplayTest}: run with {@code ./mvnw -pl workflows
 * test -Dtest=MigrationHistoryRecorder -Dchannelshift.recordHistories=v1}. v4 (issue 15):
 * migration-event-ids (notifications under {@code migration/{migrationId}/{n}/{type}}). v6 (issue
 * 17) adds a migration whose plan drops the old channel as a backup ({@code keepOldChannelAsBackup:
 * false}; no version gate, the plan travels to the activities only).
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class MigrationHistoryRecorder {

  @Test
  void record() throws Exception {
    String version = System.getProperty("channelshift.recordHistories");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build());
    TestSearchAttributes.register(env);
    Worker worker = env.newWorker("recorder");
    worker.registerWorkflowImplementationTypes(MigrationWorkflowImpl.class);
    MigrationActivities activities =
        mock(MigrationActivities.class, withSettings().withoutAnnotations());
    AtomicLong versions = new AtomicLong();
    AtomicReference<GateMeasurement> measured =
        new AtomicReference<>(MigrationWorkflowTest.healthy(100));
    when(activities.applyWeight(any())).thenAnswer(i -> versions.incrementAndGet());
    when(activities.measure(any())).thenAnswer(i -> measured.get());
    AtomicBoolean webhookDown = new AtomicBoolean(false);
    doAnswer(
            i -> {
              if (webhookDown.get()) {
                throw new IllegalStateException("platform webhook down");
              }
              return null;
            })
        .when(activities)
        .announce(any());
    worker.registerActivitiesImplementations(activities);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      WorkflowStub completed = start(client, MigrationWorkflowTest.plan("completed", true));
      env.sleep(Duration.ofMinutes(3));
      completed.update(
          "request", MigrationStatus.class, new EngineerAction(Action.APPROVE, "alice", null));
      completed.update(
          "request", MigrationStatus.class, new EngineerAction(Action.PAUSE, "alice", "look"));
      completed.signal(
          "approve", new EngineerRequest("bob", null)); // refused: recorded in the timeline
      completed.update(
          "request", MigrationStatus.class, new EngineerAction(Action.RESUME, "alice", null));
      save(client, completed, "completed", version);

      if (Integer.parseInt(version.substring(1))
          >= 6) { // keepOldChannelAsBackup (issue 17) came with v6: the same commands either way
        save(
            client,
            start(
                client,
                MigrationWorkflowTest.withoutOldChannelAsBackup(
                    MigrationWorkflowTest.plan("completed-dropping-old-backup", false))),
            "completed-dropping-old-backup",
            version);
      }

      WorkflowStub rolledBack = start(client, MigrationWorkflowTest.plan("rolled-back", false));
      env.sleep(Duration.ofMinutes(3));
      measured.set(MigrationWorkflowTest.degraded());
      save(client, rolledBack, "rolled-back", version);

      if (Integer.parseInt(version.substring(1))
          >= 4) { // checked-plan came with v4: an unusable plan aborts
        MigrationPlan ok = MigrationWorkflowTest.plan("aborted-plan", false);
        save(
            client,
            start(
                client,
                new MigrationPlan(
                    ok.migrationId(),
                    ok.fromChannel(),
                    ok.toChannel(),
                    ok.scope(),
                    ok.steps(),
                    ok.gates(),
                    ok.evaluationInterval(),
                    ok.window(),
                    ok.failureLimit(),
                    ok.inconclusiveLimit(),
                    Duration.ofDays(365))),
            "aborted-plan",
            version);
      }
      if (Integer.parseInt(version.substring(1)) >= 3) { // carry-notifications came with v3
        measured.set(MigrationWorkflowTest.healthy(100));
        webhookDown.set(true);
        WorkflowStub carried =
            start(
                client,
                new MigrationPlan(
                    "carried-notifications",
                    "legacy",
                    "nova",
                    "all",
                    List.of(new MigrationPlan.Step(10_000, Duration.ofMinutes(1), 10, false)),
                    Gates.DEFAULTS,
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(30),
                    3,
                    Duration.ofHours(1),
                    Duration.ofHours(2)));
        env.sleep(
            Duration.ofHours(1)); // past the history limit: continues as new with its notifications
        webhookDown.set(false);
        carried.getResult(MigrationStatus.class);
        String workflowId = carried.getExecution().getWorkflowId();
        String firstRun = carried.getExecution().getRunId();
        var first = client.fetchHistory(workflowId, firstRun);
        Files.writeString(
            MigrationReplayTest.HISTORIES.resolve(
                "migration-carried-notifications-run1-" + version + ".json"),
            first.toJson(true));
        var last = first.getHistory().getEvents(first.getHistory().getEventsCount() - 1);
        String secondRun =
            last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId();
        Files.writeString(
            MigrationReplayTest.HISTORIES.resolve(
                "migration-carried-notifications-run2-" + version + ".json"),
            client.fetchHistory(workflowId, secondRun).toJson(true));
      }
    } finally {
      env.close();
    }
  }

  private static WorkflowStub start(WorkflowClient client, MigrationPlan plan) {
    WorkflowStub wf =
        client.newUntypedWorkflowStub(
            "MigrationWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.migrationWorkflowId(plan.migrationId()))
                .setTaskQueue("recorder")
                .build());
    wf.start(new MigrationInput(plan, "recorder", null));
    return wf;
  }

  private static void save(WorkflowClient client, WorkflowStub wf, String name, String version)
      throws Exception {
    wf.getResult(MigrationStatus.class);
    Files.writeString(
        MigrationReplayTest.HISTORIES.resolve("migration-" + name + "-" + version + ".json"),
        client.fetchHistory(wf.getExecution().getWorkflowId()).toJson(true));
  }
}
