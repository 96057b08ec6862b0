package io.channelshift.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A channel's lifecycle workflow on the time-skipping test server, with an in-memory store. */
class ChannelLifecycleWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension testWorkflow =
      TestWorkflowExtension.newBuilder()
          .useInternalService()
          .registerWorkflowImplementationTypes(ChannelLifecycleWorkflowImpl.class)
          .setDoNotStart(true)
          .build();

  private static final String CHANNEL = "legacy";

  private final InMemoryChannelStore store = new InMemoryChannelStore(CHANNEL);
  private WorkflowClient client;
  private String taskQueue;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, Worker worker, WorkflowClient client) {
    this.client = client;
    this.taskQueue = worker.getTaskQueue();
    worker.registerActivitiesImplementations(store);
    env.start();
  }

  /** As the starter asks: update-with-start, the store's state as the input. */
  static ChannelStatus ask(
      WorkflowClient client, String taskQueue, ChannelStatus stored, ChannelChange change) {
    ChannelLifecycleWorkflow workflow =
        client.newWorkflowStub(
            ChannelLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.channelLifecycleWorkflowId(change.channel()))
                .setTaskQueue(taskQueue)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .build());
    return WorkflowClient.executeUpdateWithStart(
        workflow::change,
        change,
        UpdateOptions.<ChannelStatus>newBuilder()
            .setWaitForStage(WorkflowUpdateStage.COMPLETED)
            .build(),
        new WithStartWorkflowOperation<>(
            workflow::run, new ChannelLifecycleInput(stored, List.of())));
  }

  private ChannelStatus ask(LifecycleAction action) {
    return ask(client, taskQueue, store.status(), change(action));
  }

  private static ChannelChange change(LifecycleAction action) {
    return new ChannelChange(CHANNEL, action, "because " + action, "alice (key eng)");
  }

  private ChannelLifecycleWorkflow running() {
    return client.newWorkflowStub(
        ChannelLifecycleWorkflow.class, TemporalNames.channelLifecycleWorkflowId(CHANNEL));
  }

  private List<HistoryEvent> events() {
    return client
        .fetchHistory(TemporalNames.channelLifecycleWorkflowId(CHANNEL))
        .getHistory()
        .getEventsList();
  }

  private static String refusal(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return ((ApplicationFailure) cause).getOriginalMessage();
  }

  private long accepted() {
    return events().stream()
        .filter(e -> e.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .count();
  }

  @Test
  void theFirstChangeStartsTheWorkflow_andTheStateAndItsReasonAreRecorded() {
    ChannelStatus drained = ask(LifecycleAction.DRAIN);

    assertThat(drained.state()).isEqualTo(ChannelState.DRAINING);
    assertThat(drained.reason()).isEqualTo("because DRAIN");
    assertThat(drained.changedBy()).isEqualTo("alice (key eng)");
    assertThat(running().lifecycle().status()).isEqualTo(drained);
    assertThat(running().lifecycle().recent())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.from()).isEqualTo(ChannelState.ACTIVE);
              assertThat(e.to()).isEqualTo(ChannelState.DRAINING);
            });
  }

  @Test
  void aRequestTheRuleRefusesIsRefusedByTheValidator_withoutHistory() {
    ask(LifecycleAction.DRAIN);
    long before = accepted();

    assertThatThrownBy(() -> ask(LifecycleAction.DRAIN))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(e -> assertThat(refusal(e)).isEqualTo("the channel is already DRAINING"));
    assertThatThrownBy(() -> ask(LifecycleAction.DRAIN))
        .isInstanceOf(WorkflowUpdateException.class);

    // no update accepted, no activity: the test server still logs the workflow tasks that ran the
    // validator, which a real server's speculative tasks leave out
    assertThat(accepted()).isEqualTo(before);
    assertThat(
            events().stream()
                .filter(e -> e.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
                .count())
        .isEqualTo(1);
    assertThat(store.calls).hasValue(1);
  }

  @Test
  void aChangeForAnotherChannelOrWithAnOversizedReason_isRefusedByTheValidator() {
    ask(LifecycleAction.DRAIN);
    ChannelLifecycleWorkflow workflow = running();

    assertThatThrownBy(
            () ->
                workflow.change(new ChannelChange("nova", LifecycleAction.ACTIVATE, "r", "alice")))
        .isInstanceOf(WorkflowUpdateException.class)
        .satisfies(
            e -> assertThat(refusal(e)).isEqualTo("this workflow is channel legacy's, not nova's"));
    assertThatThrownBy(
            () ->
                workflow.change(
                    new ChannelChange(CHANNEL, LifecycleAction.ACTIVATE, "x".repeat(257), "a")))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(accepted()).isEqualTo(1);
    assertThat(workflow.lifecycle().status().state()).isEqualTo(ChannelState.DRAINING);
  }

  @Test
  void aRetireTheStoreRefuses_comesBackAsARefusalListingWhatIsOpen() {
    ask(LifecycleAction.DRAIN);
    store.open = new OpenPayments(1, 2, List.of("o-1", "o-2"), 5_000);

    assertThatThrownBy(() -> ask(LifecycleAction.RETIRE))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause()
        .isInstanceOfSatisfying(
            ApplicationFailure.class,
            f -> {
              assertThat(f.getType()).isEqualTo(ChannelLifecycleWorkflowImpl.REFUSED);
              assertThat(f.getOriginalMessage()).contains("still holds 3");
              assertThat(f.getDetails().get(OpenPayments.class).someOrderIds())
                  .containsExactly("o-1", "o-2");
            });
    assertThat(running().lifecycle().status().state()).isEqualTo(ChannelState.DRAINING);

    store.open = new OpenPayments(0, 0, List.of(), 0);
    assertThat(ask(LifecycleAction.RETIRE).state()).isEqualTo(ChannelState.RETIRED);
  }

  @Test
  void afterABoundedNumberOfChanges_itContinuesAsNew_keepingStateAndRecentHistory() {
    String firstRun = null;
    int changes = ChannelLifecycleWorkflowImpl.CHANGES_PER_RUN + 3;
    for (int i = 0; i < changes; i++) {
      ask(i % 2 == 0 ? LifecycleAction.DRAIN : LifecycleAction.ACTIVATE);
      if (firstRun == null) {
        firstRun =
            client
                .newUntypedWorkflowStub(TemporalNames.channelLifecycleWorkflowId(CHANNEL))
                .describe()
                .getExecution()
                .getRunId();
      }
    }
    String nowRun =
        client
            .newUntypedWorkflowStub(TemporalNames.channelLifecycleWorkflowId(CHANNEL))
            .describe()
            .getExecution()
            .getRunId();

    assertThat(nowRun).isNotEqualTo(firstRun);
    ChannelLifecycleView view = running().lifecycle();
    assertThat(view.status()).isEqualTo(store.status());
    assertThat(view.status().state()).isEqualTo(ChannelState.DRAINING); // 53 changes: odd count
    assertThat(view.recent()).hasSize(ChannelLifecycleWorkflowImpl.HISTORY_KEPT);
    assertThat(view.recent().get(0).to()).isEqualTo(ChannelState.DRAINING);
    assertThat(store.made).hasSize(changes);
    // the validator of the new run knows the state: a second drain is refused without the store
    int calls = store.calls.get();
    assertThatThrownBy(() -> ask(LifecycleAction.DRAIN))
        .isInstanceOf(WorkflowUpdateException.class);
    assertThat(store.calls).hasValue(calls);
  }

  @Test
  void twentyConcurrentDrainsAndActivates_endInOneConsistentSequence() throws Exception {
    ask(LifecycleAction.DRAIN);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        LifecycleAction action = i % 2 == 0 ? LifecycleAction.DRAIN : LifecycleAction.ACTIVATE;
        results.add(
            pool.submit(
                () -> {
                  try {
                    ask(action);
                    return true;
                  } catch (WorkflowUpdateException refused) {
                    return false;
                  }
                }));
      }
      long succeeded = 0;
      for (Future<Boolean> f : results) {
        succeeded += f.get() ? 1 : 0;
      }
      assertThat(store.made).hasSize((int) succeeded + 1);
      // each change the store made followed from the one before it: never two drains in a row
      for (int i = 0; i + 1 < store.made.size(); i++) {
        assertThat(store.made.get(i + 1).action()).isNotEqualTo(store.made.get(i).action());
      }
      assertThat(running().lifecycle().status()).isEqualTo(store.status());
    } finally {
      pool.shutdownNow();
    }
  }
}
