package io.channelshift.app.embedded;

import io.temporal.api.common.v1.SearchAttributes;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.history.v1.WorkflowExecutionStartedEventAttributes;
import io.temporal.internal.testservice.ExecutionId;
import io.temporal.internal.testservice.TestServicesStarter;
import io.temporal.internal.testservice.TestVisibilityStore;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * Reads every execution the Temporal test server holds, for {@link EmbeddedVisibility}.
 *
 * <p>The test server keeps each run's history in its workflow store (a map guarded by the store's
 * lock) and each run's current search attributes in its visibility store (upserts merged in), but
 * answers lists only without a query and without search attributes, from an unlocked walk of that
 * map. Neither store is reachable through its API, so this reads them by reflection, as {@link
 * TestServerLockLog} does, and fails loudly if a Temporal upgrade changed them.
 *
 * <p>Cost: one pass over all runs under the store's lock, reading two events of each (the first and
 * the last: type, start, close and status); workflows wait for the lock only that long. The test
 * server never forgets a run, so a {@code dev} that made ten thousand payments walks ten thousand
 * runs per list. Measured with the filtering and sorting of {@link VisibilityAnswers}: 6 to 8 ms of
 * CPU for a list or count over 5,000 runs, about 1.5 microseconds a run.
 */
final class TestServerExecutions {

  private final Lock lock;
  private final Map<ExecutionId, ?> histories;
  private final Field history;
  private final Field completed;
  private final TestVisibilityStore visibility;

  @SuppressWarnings("unchecked")
  TestServerExecutions(TestServicesStarter services) {
    try {
      Object workflowStore = field(services, "workflowStore");
      this.lock = (Lock) field(workflowStore, "lock");
      this.histories = (Map<ExecutionId, ?>) field(workflowStore, "histories");
      this.visibility = (TestVisibilityStore) field(services, "visibilityStore");
      Class<?> historyStore = Class.forName(workflowStore.getClass().getName() + "$HistoryStore");
      this.history = accessible(historyStore.getDeclaredField("history"));
      this.completed = accessible(historyStore.getDeclaredField("completed"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException(
          "cannot read the Temporal test server's executions (did its internals change with a "
              + "Temporal upgrade?): "
              + e,
          e);
    }
  }

  /** The search attributes registered on the server, by name. */
  Map<String, IndexedValueType> registeredAttributes() {
    return visibility.getRegisteredSearchAttributes();
  }

  /** Every run of the namespace, in no particular order. */
  List<VisibilityRow> inNamespace(String namespace) {
    List<Snapshot> snapshots = new ArrayList<>();
    lock.lock();
    try {
      for (Map.Entry<ExecutionId, ?> entry : histories.entrySet()) {
        if (entry.getKey().getNamespace().equals(namespace)) {
          snapshot(entry.getKey(), entry.getValue()).ifPresent(snapshots::add);
        }
      }
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read the Temporal test server's histories", e);
    } finally {
      lock.unlock();
    }
    List<VisibilityRow> rows = new ArrayList<>(snapshots.size());
    for (Snapshot s : snapshots) {
      rows.add(s.toRow(visibility.getSearchAttributesForExecution(s.id())));
    }
    return rows;
  }

  private Optional<Snapshot> snapshot(ExecutionId id, Object store) throws IllegalAccessException {
    List<?> events = (List<?>) history.get(store);
    if (events.isEmpty()) {
      return Optional.empty();
    }
    HistoryEvent last = (HistoryEvent) events.get(events.size() - 1);
    return Optional.of(
        new Snapshot(
            id,
            (HistoryEvent) events.get(0),
            completed.getBoolean(store) ? Optional.of(last) : Optional.empty(),
            events.size()));
  }

  /** What is read under the lock: the rest is built outside it. */
  private record Snapshot(
      ExecutionId id, HistoryEvent first, Optional<HistoryEvent> closing, int length) {

    VisibilityRow toRow(SearchAttributes attributes) {
      WorkflowExecutionStartedEventAttributes started =
          first.getWorkflowExecutionStartedEventAttributes();
      return new VisibilityRow(
          id.getExecution(),
          started.getWorkflowType().getName(),
          started.getTaskQueue().getName(),
          first.getEventTime(),
          closing.map(HistoryEvent::getEventTime),
          closing
              .map(TestServerExecutions::closeStatus)
              .orElse(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING),
          length,
          started.hasParentWorkflowExecution()
              ? Optional.of(started.getParentWorkflowExecution())
              : Optional.empty(),
          attributes == null ? SearchAttributes.getDefaultInstance() : attributes);
    }
  }

  private static WorkflowExecutionStatus closeStatus(HistoryEvent closing) {
    return switch (closing.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED;
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_FAILED;
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CANCELED;
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TERMINATED;
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW;
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT ->
          WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_TIMED_OUT;
      default -> WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_UNSPECIFIED;
    };
  }

  private static Object field(Object owner, String name) throws ReflectiveOperationException {
    return accessible(owner.getClass().getDeclaredField(name)).get(owner);
  }

  private static Field accessible(Field field) {
    field.setAccessible(true);
    return field;
  }
}
