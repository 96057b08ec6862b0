package io.channelshift.health;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/** The health workflow's activity stubs and their options, in one place. */
final class HealthStubs {

  /** Notifications retry for a day: a platform's webhook being down must not hold the scope. */
  static final Duration NOTIFICATION_DAY = Duration.ofDays(1);

  private static final LocalActivityOptions LOCAL =
      LocalActivityOptions.newBuilder()
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(200))
                  .setMaximumInterval(Duration.ofSeconds(10))
                  .build())
          .build();

  /** Looking and measuring: short store reads, each with its summary in the UI. */
  final ChannelHealthActivities local =
      Workflow.newLocalActivityStub(
          ChannelHealthActivities.class,
          LOCAL,
          Map.of(
              "HealthLook",
              LOCAL.toBuilder().setSummary("read the scope's routing table").build(),
              "HealthMeasure",
              LOCAL.toBuilder().setSummary("measure the scope's channels for the gates").build()));

  /** Routing writes are activities (durable), like the migrations' since durable-routing-writes. */
  final ChannelHealthActivities routing =
      Workflow.newActivityStub(
          ChannelHealthActivities.class,
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

  final ChannelHealthActivities notify =
      Workflow.newActivityStub(
          ChannelHealthActivities.class,
          ActivityOptions.newBuilder()
              .setSummary("notify the platform")
              .setStartToCloseTimeout(Duration.ofSeconds(15))
              .setScheduleToCloseTimeout(NOTIFICATION_DAY)
              .setRetryOptions(
                  RetryOptions.newBuilder()
                      .setInitialInterval(Duration.ofSeconds(1))
                      .setMaximumInterval(Duration.ofMinutes(5))
                      .build())
              .build());
}
