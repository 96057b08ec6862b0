package io.channelshift.migration;

import io.temporal.workflow.Workflow;

/**
 * A migration run's version gates, each asked of Temporal once, at the point where the code first
 * needs it, and remembered. The point matters: a gate's marker sits in history where it was first
 * asked, so none is asked early.
 */
final class MigrationVersions {

  /**
   * Routing writes as activities rather than local activities. A local activity's result is
   * recorded only when its workflow task completes: a worker killed after the table was written but
   * before that (the rollback drill did it) came back, measured again, saw nothing on the new
   * channel (the table already sent nothing there), and paused with the table and the workflow
   * disagreeing. An activity is scheduled in the same task as the decision that asks for it, so the
   * decision is in history before the table changes.
   */
  static final String DURABLE_ROUTING_WRITES = "durable-routing-writes";

  /**
   * Version 1: a run that should continue as new does so with notifications still on their way,
   * handing them to the next run; before, it waited for them, up to a day, its history growing by
   * every evaluation meanwhile.
   */
  static final String CARRY_NOTIFICATIONS = "carry-notifications";

  /**
   * Version 1: a run first checks its plan ({@link PlanValidation}, {@link PlanLimits}); a plan it
   * cannot use (one started straight on Temporal, past the API's checks: a duration out of bounds
   * overflows the millisecond arithmetic after traffic has moved) ends the migration ABORTED before
   * any traffic moves. Before, such a run failed its workflow tasks for good once it met the value,
   * and could be neither paused nor rolled back.
   */
  static final String CHECKED_PLAN = "checked-plan";

  /**
   * Version 1: a notification's event id is {@code migration/{migrationId}/{n}/{type}} ({@code
   * EventIds}), unique by construction among every kind of webhook; before, {@code
   * {migrationId}-{n}-{type}}, which a migration named like {@code fulfil-x} made the same as a
   * payment's fulfilment event.
   */
  static final String EVENT_IDS = "migration-event-ids";

  private Boolean durableRoutingWrites;
  private Boolean carriesNotifications;
  private Boolean checksPlan;
  private Boolean uniqueEventIds;

  /** Asked at the run's first routing write. */
  boolean durableRoutingWrites() {
    if (durableRoutingWrites == null) {
      durableRoutingWrites = atLeastOne(DURABLE_ROUTING_WRITES);
    }
    return durableRoutingWrites;
  }

  /**
   * Whether this run is known to write as activities; false before its first write, and never asks.
   */
  boolean knownDurableRoutingWrites() {
    return durableRoutingWrites != null && durableRoutingWrites;
  }

  /**
   * Asked when a run first should continue as new with notifications on their way (runs before this
   * waited).
   */
  boolean carriesNotifications() {
    if (carriesNotifications == null) {
      carriesNotifications = atLeastOne(CARRY_NOTIFICATIONS);
    }
    return carriesNotifications;
  }

  /** Asked as a fresh migration starts. */
  boolean checksPlan() {
    if (checksPlan == null) {
      checksPlan = atLeastOne(CHECKED_PLAN);
    }
    return checksPlan;
  }

  /** Asked at the run's first notification. */
  boolean uniqueEventIds() {
    if (uniqueEventIds == null) {
      uniqueEventIds = atLeastOne(EVENT_IDS);
    }
    return uniqueEventIds;
  }

  private static boolean atLeastOne(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
