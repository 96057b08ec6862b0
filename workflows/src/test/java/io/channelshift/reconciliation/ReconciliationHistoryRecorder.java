package io.channelshift.reconciliation;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records reconciliation histories for {@link ReconciliationReplayTest}: run with {@code ./mvnw -pl
 * workflows test -Dtest=ReconciliationHistoryRecorder -Dchannelshift.recordHistories=v1}.
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class ReconciliationHistoryRecorder {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void record() throws Exception {
    String version = System.getProperty("channelshift.recordHistories");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build());
    Worker worker = env.newWorker("recorder");
    worker.registerWorkflowImplementationTypes(
        ReconciliationWorkflowImpl.class, DailyReconciliationWorkflowImpl.class);
    ReconciliationActivities activities =
        mock(ReconciliationActivities.class, withSettings().withoutAnnotations());
    when(activities.stageStatement(any())).thenReturn(new StagedStatement(120, 40));
    when(activities.match(any())).thenReturn(new MatchResult(110, 10, 2));
    when(activities.repair(any(), anyLong())).thenReturn(new RepairBatch(2, 2, 9, false));
    when(activities.confirmRepairs(any())).thenReturn(1L, 0L);
    when(activities.channels()).thenReturn(List.of("legacy"));
    when(activities.complete(any()))
        .thenAnswer(
            i -> {
              ReconciliationRequest r = i.getArgument(0);
              return new ReconciliationSummary(r.channel(), r.day(), 120, 110, 8, 2, 0);
            });
    worker.registerActivitiesImplementations(activities);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      WorkflowStub repaired =
          client.newUntypedWorkflowStub("ReconciliationWorkflow", options("reconcile-legacy-x"));
      repaired.start(new ReconciliationRequest("legacy", "2026-11-24"));
      save(client, repaired, "reconcile-repaired", version);
      WorkflowStub daily =
          client.newUntypedWorkflowStub("DailyReconciliationWorkflow", options("reconcile-day-x"));
      daily.start(new DailyReconciliation("2026-11-23"));
      save(client, daily, "reconcile-daily", version);
    } finally {
      env.close();
    }
  }

  private static WorkflowOptions options(String id) {
    return WorkflowOptions.newBuilder().setWorkflowId(id).setTaskQueue("recorder").build();
  }

  private static void save(WorkflowClient client, WorkflowStub wf, String name, String version)
      throws Exception {
    wf.getResult(Object.class);
    Files.writeString(
        HISTORIES.resolve(name + "-" + version + ".json"),
        client.fetchHistory(wf.getExecution().getWorkflowId()).toJson(true));
  }
}
