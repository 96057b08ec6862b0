package io.channelshift.channel;

import io.channelshift.temporal.TemporalNames;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Records a channel lifecycle history for {@link ChannelLifecycleReplayTest}: run with {@code
 * ./mvnw -pl workflows test -Dtest=ChannelLifecycleHistoryRecorder
 * -Dchannelshift.recordHistories=v1}. The history: a drain, a retire the store refuses (payments
 * open), a drain the validator refuses, an activate.
 */
@EnabledIfSystemProperty(named = "channelshift.recordHistories", matches = "v\\d+")
class ChannelLifecycleHistoryRecorder {

  static final Path HISTORIES = Path.of("src/test/resources/histories");

  @Test
  void record() throws Exception {
    String version = System.getProperty("channelshift.recordHistories");
    TestWorkflowEnvironment env =
        TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().build());
    Worker worker = env.newWorker("recorder");
    worker.registerWorkflowImplementationTypes(ChannelLifecycleWorkflowImpl.class);
    InMemoryChannelStore store = new InMemoryChannelStore("legacy");
    worker.registerActivitiesImplementations(store);
    env.start();
    WorkflowClient client = env.getWorkflowClient();
    try {
      ask(client, store, LifecycleAction.DRAIN);
      store.open = new OpenPayments(1, 1, List.of("o-1", "o-2"), 1_000);
      ask(client, store, LifecycleAction.RETIRE);
      ask(client, store, LifecycleAction.DRAIN);
      store.open = new OpenPayments(0, 0, List.of(), 0);
      ask(client, store, LifecycleAction.ACTIVATE);
      Files.writeString(
          HISTORIES.resolve("channel-lifecycle-" + version + ".json"),
          client.fetchHistory(TemporalNames.channelLifecycleWorkflowId("legacy")).toJson(true));
    } finally {
      env.close();
    }
  }

  private static void ask(WorkflowClient client, InMemoryChannelStore store, LifecycleAction a) {
    try {
      ChannelLifecycleWorkflowTest.ask(
          client,
          "recorder",
          store.status(),
          new ChannelChange("legacy", a, "recorded " + a, "alice (key eng)"));
    } catch (WorkflowUpdateException refused) {
      // part of the history being recorded
    }
  }
}
