package io.channelshift.migration;

import io.channelshift.migration.EngineerAction.Action;
import io.channelshift.migration.RequestDecision.Refused;
import io.temporal.workflow.Workflow;

/**
 * What the migration does with an engineer's request as it arrives, before the main loop carries it
 * out: a signal cannot answer, so a refused one goes to the timeline; the update is refused at once
 * by its validator, and answered once the loop has carried it out. The state and plan are known
 * from the run's start ({@link #begin}); a handler that runs before then finds none.
 */
final class EngineerRequests {

  private final RequestQueue queue;
  private final MigrationVersions versions;
  private MigrationState state;
  private MigrationPlan plan;

  EngineerRequests(RequestQueue queue, MigrationVersions versions) {
    this.queue = queue;
    this.versions = versions;
  }

  void begin(MigrationState state, MigrationPlan plan) {
    this.state = state;
    this.plan = plan;
  }

  /**
   * A signal cannot answer; a refused one goes to the timeline so that nobody wonders where it
   * went.
   */
  void signalled(Action kind, EngineerRequest r) {
    EngineerAction action =
        new EngineerAction(kind, r == null ? null : r.by(), r == null ? null : r.reason());
    if (state != null && Requests.decide(action, state, plan) instanceof Refused refused) {
      state.note(
          Workflow.currentTimeMillis(),
          "REFUSED " + action.action(),
          action.request().who(),
          refused.reason());
      return;
    }
    queue.add(action);
  }

  /** The update's validator: a request refused now is never written to history. */
  void validate(EngineerAction action) {
    if (state == null) {
      throw new IllegalStateException("the migration is starting");
    }
    if (Requests.decide(action, state, plan) instanceof Refused refused) {
      throw new IllegalStateException(refused.reason());
    }
  }

  /** The update: queues the request and answers once the loop has carried it out. */
  MigrationStatus carriedOut(EngineerAction action) {
    long seq = queue.add(action);
    // Answered with the state the request left behind, a new step's weight in force included: with
    // durable routing writes that write is an activity, which ends after the task that handled the
    // request.
    Workflow.await(
        () -> queue.handled(seq) && (!versions.knownDurableRoutingWrites() || stepWeightInForce()));
    return state.snapshot();
  }

  private boolean stepWeightInForce() {
    return state.phase().ended() || state.weightBps() == plan.steps().get(state.step()).weightBps();
  }
}
