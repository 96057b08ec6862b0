package io.channelshift.starter.channels;

import io.channelshift.channel.ChannelChange;
import io.channelshift.channel.ChannelHistoryEntry;
import io.channelshift.channel.ChannelLifecycleInput;
import io.channelshift.channel.ChannelLifecycleWorkflow;
import io.channelshift.channel.ChannelStatus;
import io.channelshift.starter.web.ApiProblem;
import io.channelshift.starter.web.BoundedWaits;
import io.channelshift.store.ChannelLifecycleStore;
import io.channelshift.temporal.TemporalNames;
import io.temporal.api.enums.v1.WorkflowIdConflictPolicy;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WithStartWorkflowOperation;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import jakarta.annotation.PreDestroy;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Passes an engineer's change of a channel's state to the channel's workflow ({@code
 * channel-{name}}), starting it with the change when it does not run yet (update-with-start, the
 * store's state as its input). Waits at most {@link #ANSWER_TIMEOUT}, in a bulkhead per channel
 * ({@link BoundedWaits}), as migrations do: with the worker or the store down, a 503.
 */
@Service
class ChannelLifecycleGateway {

  /** As a migration's request: the change is one short store write once a worker has it. */
  static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How many changes of one channel may wait at once (they are made one at a time); past it, a 503
   * at once.
   */
  static final int WAITING_PER_CHANNEL = 32;

  private final WorkflowClient client;
  private final ChannelLifecycleStore store;
  private final BoundedWaits waits;

  @Autowired
  ChannelLifecycleGateway(WorkflowClient client, ChannelLifecycleStore store) {
    this(client, store, new BoundedWaits("Channel", WAITING_PER_CHANNEL, ANSWER_TIMEOUT));
  }

  ChannelLifecycleGateway(WorkflowClient client, ChannelLifecycleStore store, BoundedWaits waits) {
    this.client = client;
    this.store = store;
    this.waits = waits;
  }

  /** The channel's new state; a change the rule or the store refuses comes back as 409, why. */
  ChannelStatus change(ChannelChange change) {
    return waits.call(
        change.channel(),
        () -> updateWithStart(change),
        "channel "
            + change.channel()
            + " did not answer within "
            + waits.timeout().toSeconds()
            + " s (is a worker running, is the store up?); the change may still be made: read"
            + " GET /api/channels/"
            + change.channel()
            + "/lifecycle before asking again");
  }

  private ChannelStatus updateWithStart(ChannelChange change) {
    ChannelLifecycleWorkflow workflow =
        client.newWorkflowStub(
            ChannelLifecycleWorkflow.class,
            WorkflowOptions.newBuilder()
                .setWorkflowId(TemporalNames.channelLifecycleWorkflowId(change.channel()))
                .setTaskQueue(TemporalNames.MIGRATIONS_TASK_QUEUE)
                .setWorkflowIdConflictPolicy(
                    WorkflowIdConflictPolicy.WORKFLOW_ID_CONFLICT_POLICY_USE_EXISTING)
                .setStaticSummary("Lifecycle of channel **" + change.channel() + "**")
                .build());
    try {
      return WorkflowClient.executeUpdateWithStart(
          workflow::change,
          change,
          UpdateOptions.<ChannelStatus>newBuilder()
              .setWaitForStage(WorkflowUpdateStage.COMPLETED)
              .build(),
          new WithStartWorkflowOperation<>(workflow::run, input(change.channel())));
    } catch (WorkflowUpdateException e) {
      throw new ApiProblem(HttpStatus.CONFLICT, "Change refused", reason(e));
    }
  }

  /** A new workflow starts from what the store holds (used only when none runs). */
  private ChannelLifecycleInput input(String channel) {
    return new ChannelLifecycleInput(
        store.status(channel),
        store.history(channel, 20).stream()
            .map(
                h ->
                    new ChannelHistoryEntry(
                        h.from(), h.to(), h.reason(), h.changedBy(), h.changedAtEpochMs()))
            .toList());
  }

  private static String reason(WorkflowUpdateException e) {
    Throwable cause = e;
    while (cause.getCause() != null && !(cause instanceof ApplicationFailure)) {
      cause = cause.getCause();
    }
    return cause instanceof ApplicationFailure f ? f.getOriginalMessage() : e.getMessage();
  }

  @PreDestroy
  void stop() {
    waits.close();
  }
}
