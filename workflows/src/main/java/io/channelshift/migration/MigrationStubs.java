package io.channelshift.migration;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * The migration's activity stubs and their options, in one place: how long each call may take and
 * how it retries.
 */
final class MigrationStubs {

  /** Notifications retry for a day: a platform's webhook being down must not hold the migration. */
  static final Duration NOTIFICATION_DAY = Duration.ofDays(1);

  private static final LocalActivityOptions LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(10))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  private static final ActivityOptions NOTIFY =
      ActivityOptions.newBuilder()
          .setSummary("notify the platform")
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(NOTIFICATION_DAY)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(5))
                  .build())
          .build();

  /**
   * Short store calls, as local activities, each with its own summary in the UI. Routing writes go
   * through here only in runs started before {@link MigrationVersions#DURABLE_ROUTING_WRITES}.
   */
  final MigrationActivities local =
      Workflow.newLocalActivityStub(
          MigrationActivities.class,
          LOCAL,
          Map.of(
              "ApplyWeight", LOCAL.toBuilder().setSummary("write the routing table").build(),
              "Measure",
                  LOCAL.toBuilder().setSummary("measure both channels for the gates").build(),
              "Finish", LOCAL.toBuilder().setSummary("record the end; free the scope").build()));

  /**
   * Putting the traffic back on the old channel when the migration cannot go on: retried for as
   * long as it takes (a database that stays down for longer than a step's writes may), because
   * nothing matters more. Runs started before {@link MigrationVersions#DURABLE_ROUTING_WRITES}
   * only; later ones use {@link #routingBack}.
   */
  private final MigrationActivities restore =
      Workflow.newLocalActivityStub(
          MigrationActivities.class,
          LocalActivityOptions.newBuilder()
              .setSummary("route everything back to the old channel")
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  /**
   * Routing writes from {@link MigrationVersions#DURABLE_ROUTING_WRITES} on: a step's weight,
   * retried as before.
   */
  private final MigrationActivities routing =
      Workflow.newActivityStub(
          MigrationActivities.class,
          ActivityOptions.newBuilder()
              .setSummary("write the routing table")
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setScheduleToCloseTimeout(Duration.ofMinutes(10))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofMillis(200))
                      .setMaximumInterval(Duration.ofSeconds(10))
                      .build())
              .build());

  /**
   * Routing back to the old channel from {@link MigrationVersions#DURABLE_ROUTING_WRITES} on: as
   * long as it takes.
   */
  private final MigrationActivities routingBack =
      Workflow.newActivityStub(
          MigrationActivities.class,
          ActivityOptions.newBuilder()
              .setSummary("route everything back to the old channel")
              .setStartToCloseTimeout(Duration.ofSeconds(30))
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(1))
                      .build())
              .build());

  private final MigrationActivities remote =
      Workflow.newActivityStub(MigrationActivities.class, NOTIFY);

  /**
   * Who writes the routing table: activities, or local activities in runs started before they were.
   */
  MigrationActivities writer(boolean durable, boolean backToOldChannel) {
    if (durable) {
      return backToOldChannel ? routingBack : routing;
    }
    return backToOldChannel ? restore : local;
  }

  /**
   * Who delivers a notification with {@code leftMs} of its day to go (all of it, unless a run
   * before began it).
   */
  MigrationActivities notifier(long leftMs) {
    return leftMs >= NOTIFICATION_DAY.toMillis()
        ? remote
        : Workflow.newActivityStub(
            MigrationActivities.class,
            NOTIFY.toBuilder().setScheduleToCloseTimeout(Duration.ofMillis(leftMs)).build());
  }
}
