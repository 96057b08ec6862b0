package io.channelshift.health;

import io.channelshift.health.HealthAction.Action;
import io.channelshift.migration.RequestDecision.Refused;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;

/**
 * What the health workflow does with an engineer's request as it arrives, before the main loop
 * carries it out (the migrations' EngineerRequests, for a scope): a signal cannot answer, so a
 * refused one goes to the timeline; the update is refused at once by its validator, and answered
 * once the loop has carried it out, or refused then with the reason. The state is known from the
 * run's start ({@link #begin}); a handler that runs before then finds none.
 */
final class HealthRequestHandlers {

  private final HealthRequestQueue queue;
  private HealthState state;

  HealthRequestHandlers(HealthRequestQueue queue) {
    this.queue = queue;
  }

  void begin(HealthState state) {
    this.state = state;
  }

  void signalled(Action kind, ScopeRequest r) {
    HealthAction action =
        new HealthAction(
            kind,
            r == null ? null : r.by(),
            r == null ? null : r.reason(),
            r == null ? null : r.target());
    if (state != null && HealthRequests.decide(action, state) instanceof Refused refused) {
      String who = action.who();
      state.note(
          Workflow.currentTimeMillis(),
          "REFUSED " + kind,
          who.length() > HealthRequests.MAX_TEXT ? who.substring(0, HealthRequests.MAX_TEXT) : who,
          refused.reason());
      return;
    }
    queue.add(action, false);
  }

  /** The update's validator: a request refused now is never written to history. */
  void validate(HealthAction action) {
    if (state == null) {
      throw new IllegalStateException("the health workflow is starting");
    }
    if (HealthRequests.decide(action, state) instanceof Refused refused) {
      throw new IllegalStateException(refused.reason());
    }
  }

  /** The update: queues the request and answers once the loop has carried it out. */
  ChannelHealthStatus carriedOut(HealthAction action) {
    long seq = queue.add(action, true);
    Workflow.await(() -> queue.handled(seq));
    String refused = queue.refusal(seq);
    if (refused != null) {
      throw ApplicationFailure.newNonRetryableFailure(refused, "Refused");
    }
    return state.snapshot();
  }
}
