package io.channelshift.migration;

import static io.channelshift.migration.MigrationState.WORKFLOW;

import io.channelshift.payment.EventIds;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The migration's notifications to the platform, sent without waiting for them: a platform whose
 * webhook is down must never hold up the gates (and so a rollback). The run waits for them before
 * it ends; a run that continues as new hands the ones still on their way to the next ({@link
 * MigrationVersions#CARRY_NOTIFICATIONS}). One that fails for a day goes to the timeline.
 */
final class MigrationNotifications {

  /** A notification on its way, with what the next run needs to send it on. */
  private record InFlight(Promise<Void> delivery, PendingNotification notification) {}

  private final List<InFlight> inFlight = new ArrayList<>();
  private final MigrationState state;
  private final MigrationPlan plan;
  private final MigrationStubs stubs;
  private final MigrationVersions versions;

  MigrationNotifications(
      MigrationState state, MigrationPlan plan, MigrationStubs stubs, MigrationVersions versions) {
    this.state = state;
    this.plan = plan;
    this.stubs = stubs;
    this.versions = versions;
  }

  /** Tells the platform the migration started, with the plan's steps. */
  void started(String by) {
    announce(
        "STARTED",
        by,
        "plan: "
            + plan.steps().stream()
                .map(s -> String.valueOf(s.weightBps()))
                .collect(Collectors.joining(" → "))
            + " bps");
  }

  /**
   * Tells the platform what just happened; the event id is the timeline's length, so a repeat is
   * dropped.
   */
  void announce(String type, String who, String detail) {
    settle();
    String n = Integer.toString(state.timeline().size());
    String eventId =
        versions.uniqueEventIds()
            ? EventIds.of("migration", plan.migrationId(), n, type)
            : plan.migrationId() + "-" + n + "-" + type;
    send(
        new PendingNotification(
            new MigrationEvent(
                eventId,
                plan.migrationId(),
                type,
                state.phase(),
                state.step(),
                state.weightBps(),
                who,
                detail),
            Workflow.currentTimeMillis()));
  }

  /**
   * Delivers within what is left of the notification's day (all of it, unless a run before began
   * it).
   */
  void send(PendingNotification n) {
    long left =
        MigrationStubs.NOTIFICATION_DAY.toMillis()
            - (Workflow.currentTimeMillis() - n.firstSentAtMs());
    if (left <= 0) {
      failed(n.event().eventId() + " not delivered within a day");
      return;
    }
    MigrationActivities notifier = stubs.notifier(left);
    inFlight.add(new InFlight(Async.procedure(notifier::announce, n.event()), n));
  }

  /** Forgets the notifications that ended; one that failed for a day goes to the timeline. */
  void settle() {
    for (Iterator<InFlight> i = inFlight.iterator(); i.hasNext(); ) {
      InFlight n = i.next();
      if (n.delivery().isCompleted()) {
        if (n.delivery().getFailure() != null) {
          failed(reason(n.delivery().getFailure()));
        }
        i.remove();
      }
    }
  }

  /**
   * Waits for the notifications still on their way; one that failed for a day goes to the timeline.
   */
  void awaitAll() {
    for (InFlight n : inFlight) {
      try {
        n.delivery().get();
      } catch (ActivityFailure e) {
        failed(reason(e));
      }
    }
    inFlight.clear();
  }

  boolean none() {
    return inFlight.isEmpty();
  }

  /** What the next run sends on. */
  List<PendingNotification> undelivered() {
    return inFlight.stream().map(InFlight::notification).toList();
  }

  private void failed(String why) {
    state.note(Workflow.currentTimeMillis(), "NOTIFICATION FAILED", WORKFLOW, why);
  }

  static String reason(RuntimeException failure) {
    return failure.getCause() == null ? failure.getMessage() : failure.getCause().getMessage();
  }
}
