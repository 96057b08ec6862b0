package io.channelshift.health;

import io.channelshift.payment.EventIds;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * The scope's webhooks to the platform ({@code channel.failover}, {@code channel.failback}, {@code
 * channel.failback_waiting}), sent without waiting: a platform whose webhook is down never holds up
 * a failover. Event ids are {@code channels/{scope}/{n}/{type}}, n counting every webhook the scope
 * ever sent (carried across continue-as-new), so they are unique by construction.
 */
final class HealthNotifications {

  private record InFlight(Promise<Void> delivery, String eventId) {}

  private final List<InFlight> inFlight = new ArrayList<>();
  private final HealthState state;
  private final HealthStubs stubs;

  HealthNotifications(HealthState state, HealthStubs stubs) {
    this.state = state;
    this.stubs = stubs;
  }

  void announce(String type, String from, String to, long version, String by, String reason) {
    settle();
    String eventId =
        EventIds.of("channels", state.scope(), Long.toString(state.nextEventNumber()), type);
    HealthEvent event =
        new HealthEvent(eventId, state.scope(), type, from, to, version, by, reason);
    inFlight.add(new InFlight(Async.procedure(stubs.notify::announce, event), eventId));
  }

  /** Forgets the deliveries that ended; one that failed for a day goes to the timeline. */
  void settle() {
    for (Iterator<InFlight> i = inFlight.iterator(); i.hasNext(); ) {
      InFlight n = i.next();
      if (n.delivery().isCompleted()) {
        if (n.delivery().getFailure() != null) {
          state.note(
              Workflow.currentTimeMillis(),
              "NOTIFICATION FAILED",
              HealthState.WORKFLOW,
              n.eventId() + " not delivered within a day");
        }
        i.remove();
      }
    }
  }

  boolean none() {
    return inFlight.isEmpty();
  }
}
