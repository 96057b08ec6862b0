package io.channelshift.health;

import io.channelshift.health.HealthAction.Action;
import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records scope health histories for {@link ChannelHealthReplayTest}: run with {@code ./mvnw -pl
 * workflows test -Dtest=ChannelHealthHistoryRecorder -Dchannelshift.recordHistories=v1}. The
 * workflow never ends by itself: each history is taken while it runs (and the first run of one that
 * continued as new), then the workflow is terminated.
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class ChannelHealthHistoryRecorder {

  private static final Duration INTERVAL = FakeScope.INTERVAL;

  @Test
  void record() throws Exception {
    String version = System.getProperty("channelshift.recordHistories");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build());
    Worker worker = env.newWorker("recorder");
    worker.registerWorkflowImplementationTypes(ChannelHealthWorkflowImpl.class);
    FakeScope scope = new FakeScope("game");
    worker.registerActivitiesImplementations(scope);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      // automatic failover, a hold and its release, a refused signal, automatic failback
      WorkflowStub auto = start(client, "auto");
      scope.failing.add("legacy");
      env.sleep(INTERVAL.multipliedBy(3).plusSeconds(5));
      scope.failing.clear();
      request(auto, Action.HOLD, "bob", "watching");
      auto.signal("failover", new ScopeRequest("carol", "again", null)); // refused: failed over
      env.sleep(Duration.ofMinutes(6));
      request(auto, Action.RELEASE, "bob", "fine");
      env.sleep(INTERVAL.multipliedBy(2));
      save(client, auto, "failover-failback", version);

      // engineers: failover to a chosen backup, failback awaiting approval
      scope.settings = FakeScope.settings(true);
      WorkflowStub engineers = start(client, "engineers");
      env.sleep(Duration.ofSeconds(5));
      request(engineers, Action.FAILOVER, "alice", "risk freeze", "third");
      env.sleep(Duration.ofMinutes(6));
      request(engineers, Action.FAILBACK, "alice", "lifted");
      save(client, engineers, "engineers", version);
      scope.settings = FakeScope.settings(false);

      // a migration owns the table: measured, nothing written
      scope.migrationId = "legacy-to-nova";
      scope.failing.add("legacy");
      WorkflowStub owned = start(client, "migration-owns");
      env.sleep(INTERVAL.multipliedBy(5));
      save(client, owned, "migration-owns", version);
      scope.migrationId = null;
      scope.failing.clear();

      // continue-as-new: the first run, ended by it
      WorkflowStub long_ = start(client, "continued");
      env.sleep(Duration.ofHours(3));
      String workflowId = long_.getExecution().getWorkflowId();
      Files.writeString(
          ChannelHealthReplayTest.HISTORIES.resolve("channels-continued-run1-" + version + ".json"),
          client.fetchHistory(workflowId, long_.getExecution().getRunId()).toJson(true));
      client.newUntypedWorkflowStub(workflowId).terminate("recorded");
    } finally {
      env.close();
    }
  }

  private static WorkflowStub start(WorkflowClient client, String scope) {
    WorkflowStub wf =
        client.newUntypedWorkflowStub(
            "ChannelHealthWorkflow",
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.channelHealthWorkflowId(scope))
                .setTaskQueue("recorder")
                .build());
    wf.start(new ChannelHealthInput(scope, null));
    return wf;
  }

  private static void request(WorkflowStub wf, Action action, String by, String reason) {
    request(wf, action, by, reason, null);
  }

  private static void request(
      WorkflowStub wf, Action action, String by, String reason, String target) {
    wf.update("request", ChannelHealthStatus.class, new HealthAction(action, by, reason, target));
  }

  private static void save(WorkflowClient client, WorkflowStub wf, String name, String version)
      throws Exception {
    String id = wf.getExecution().getWorkflowId();
    Files.writeString(
        ChannelHealthReplayTest.HISTORIES.resolve("channels-" + name + "-" + version + ".json"),
        client.fetchHistory(id).toJson(true));
    wf.terminate("recorded");
  }
}
