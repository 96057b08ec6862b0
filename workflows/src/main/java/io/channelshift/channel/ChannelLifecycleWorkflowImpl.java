package io.channelshift.channel;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import io.temporal.workflow.WorkflowLock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * See {@link ChannelLifecycleWorkflow}. Changes are made one at a time (a lock), so twenty
 * engineers asking at once end in one consistent sequence of states; each handler checks the rule
 * again once it holds the lock, since the state may have moved while it waited.
 */
public class ChannelLifecycleWorkflowImpl implements ChannelLifecycleWorkflow {

  /** Changes per run before it continues as new: a run's history stays small. */
  static final int CHANGES_PER_RUN = 50;

  /** Changes a run carries into the next and answers in its query. */
  static final int HISTORY_KEPT = 20;

  /** The failure type of a refused change, which the starter answers with 409. */
  public static final String REFUSED = "ChannelChangeRefused";

  /** Longest reason the validator takes; the REST API refuses longer ones first. */
  static final int MAX_REASON = 256;

  private final ChannelLifecycleActivities store =
      Workflow.newActivityStub(
          ChannelLifecycleActivities.class,
          ActivityOptions.newBuilder()
              .setSummary("record the channel's new state")
              .setStartToCloseTimeout(Duration.ofSeconds(10))
              .setScheduleToCloseTimeout(Duration.ofMinutes(5))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .build())
              .build());

  private final WorkflowLock lock = Workflow.newWorkflowLock();
  private final List<ChannelHistoryEntry> recent = new ArrayList<>();
  private ChannelStatus status;
  private int changesThisRun;

  /**
   * Takes the state from the input before anything else runs: an update delivered with the start
   * (update-with-start) is validated before {@link #run} begins.
   */
  @WorkflowInit
  public ChannelLifecycleWorkflowImpl(ChannelLifecycleInput input) {
    status = input.status();
    recent.addAll(input.recent());
  }

  @Override
  public void run(ChannelLifecycleInput input) {
    details();
    Workflow.await(() -> changesThisRun >= CHANGES_PER_RUN && Workflow.isEveryHandlerFinished());
    Workflow.continueAsNew(new ChannelLifecycleInput(status, List.copyOf(recent)));
  }

  @Override
  public void validateChange(ChannelChange change) {
    if (!change.channel().equals(status.channel())) {
      throw new IllegalArgumentException(
          "this workflow is channel " + status.channel() + "'s, not " + change.channel() + "'s");
    }
    if (change.reason().codePointCount(0, change.reason().length()) > MAX_REASON) {
      throw new IllegalArgumentException(
          "the reason must be at most " + MAX_REASON + " characters");
    }
    change
        .action()
        .refusalFrom(status.state())
        .ifPresent(
            why -> {
              throw new IllegalArgumentException(why);
            });
  }

  @Override
  public ChannelStatus change(ChannelChange change) {
    lock.lock();
    try {
      String ruled = change.action().refusalFrom(status.state()).orElse(null);
      if (ruled != null) {
        throw ApplicationFailure.newNonRetryableFailure(ruled, REFUSED);
      }
      ChangeResult result = store.changeState(change);
      if (result instanceof ChangeResult.Refused refused) {
        if (refused.current() != null) {
          status = refused.current(); // the store is the record: follow it
        }
        throw ApplicationFailure.newNonRetryableFailure(refused.why(), REFUSED, refused.open());
      }
      ChannelStatus before = status;
      status = ((ChangeResult.Changed) result).status();
      recent.add(
          0,
          new ChannelHistoryEntry(
              before.state(),
              status.state(),
              status.reason(),
              status.changedBy(),
              status.changedAtEpochMs()));
      while (recent.size() > HISTORY_KEPT) {
        recent.remove(recent.size() - 1);
      }
      changesThisRun++;
      details();
      return status;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public ChannelLifecycleView lifecycle() {
    return new ChannelLifecycleView(status, recent);
  }

  private void details() {
    Workflow.setCurrentDetails(
        "**"
            + status.state()
            + "**"
            + (status.reason() == null
                ? ""
                : ": " + status.reason() + " (" + status.changedBy() + ")"));
  }
}
