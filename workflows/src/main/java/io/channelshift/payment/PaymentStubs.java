package io.channelshift.payment;

import io.temporal.activity.ActivityOptions;
import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.Map;

/**
 * The payment's activity stubs and their options, in one place: how long each call may take and how
 * it retries. Short provider and store calls run as local activities (the caller of {@code
 * checkout} waits on the create, and every saved round trip shows in latency and history size); the
 * fulfilment webhook and refunds, which retry for long or must not be repeated blindly, are
 * activities.
 */
final class PaymentStubs {

  /**
   * How long a local activity that depends on our own database keeps retrying. A local activity
   * without a schedule-to-close is not retried at all (the SDK bounds its retries by it;
   * PaymentWorkflowTest shows it), so "until it is back" is a week, longer than any outage of ours
   * a payment should sit out rather than fail.
   */
  private static final Duration UNTIL_OUR_STORE_IS_BACK = Duration.ofDays(7);

  /**
   * A create is retried only on our own failures (the store), until the store is back: the
   * provider's answer comes back as a value, and the caller, answered 503 after the checkout
   * timeout, asks again for the same payment.
   */
  private static final LocalActivityOptions CREATE =
      LocalActivityOptions.newBuilder()
          .setSummary("create the order at the provider")
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(UNTIL_OUR_STORE_IS_BACK)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /**
   * Queries and closes are safe to repeat: retried on transport errors for two minutes; past that
   * the workflow decides (skip an active query, ask again later at expiry), so a callback is never
   * kept waiting behind a query.
   */
  private static final LocalActivityOptions ASK_PROVIDER =
      LocalActivityOptions.newBuilder()
          .setSummary("ask the provider")
          .setStartToCloseTimeout(Duration.ofSeconds(10))
          .setScheduleToCloseTimeout(Duration.ofMinutes(2))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /**
   * Our own database: retried until it is back, however long that takes (a payment must not fail
   * for it).
   */
  private static final LocalActivityOptions STORE =
      LocalActivityOptions.newBuilder()
          .setSummary("record the payment in the store")
          .setStartToCloseTimeout(Duration.ofSeconds(5))
          .setScheduleToCloseTimeout(UNTIL_OUR_STORE_IS_BACK)
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumInterval(Duration.ofSeconds(30))
                  .build())
          .build();

  /**
   * The query an operator's settlement by hand makes: retried for a few seconds only, so that the
   * operator, who waits for the answer, hears "no answer, ask again" before the API's bounded wait
   * runs out, rather than nothing for two minutes.
   */
  private static final LocalActivityOptions ASK_PROVIDER_NOW =
      LocalActivityOptions.newBuilder()
          .setSummary("ask the provider where the order stands, for a settlement by hand")
          .setStartToCloseTimeout(Duration.ofSeconds(3))
          .setScheduleToCloseTimeout(Duration.ofSeconds(6))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofMillis(500))
                  .setMaximumInterval(Duration.ofSeconds(2))
                  .build())
          .build();

  /**
   * A refund call that failed on transport answers UNKNOWN and is queried, never sent again
   * blindly.
   */
  private static final ActivityOptions REFUND =
      ActivityOptions.newBuilder()
          .setSummary("refund at the payment's channel")
          .setStartToCloseTimeout(Duration.ofSeconds(20))
          .setScheduleToCloseTimeout(Duration.ofMinutes(30))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(1))
                  .build())
          .build();

  /**
   * Closing an order a payment left at a channel that could not take it: that channel is down, so
   * the close is asked again, up to every 15 minutes, for as long as a payment may run after it;
   * the payment does not wait for it (an activity, not a local one, so the caller's checkout is
   * answered at once).
   */
  static final ActivityOptions CLOSE_ABANDONED =
      ActivityOptions.newBuilder()
          .setSummary("close the order left at the channel that could not take it")
          .setStartToCloseTimeout(Duration.ofSeconds(15))
          .setScheduleToCloseTimeout(Duration.ofDays(7))
          .setRetryOptions(
              RetryOptions.newBuilder()
                  .setInitialInterval(Duration.ofSeconds(1))
                  .setMaximumInterval(Duration.ofMinutes(15))
                  .build())
          .build();

  /** Per local-activity type; the store writes take {@link #STORE}. */
  private static final Map<String, LocalActivityOptions> LOCAL_BY_TYPE =
      Map.of(
          "AssessRisk", STORE.toBuilder().setSummary("judge the request by the risk rules").build(),
          "CreateOrder", CREATE,
          "QueryOrder",
              ASK_PROVIDER.toBuilder()
                  .setSummary("ask the provider where the order stands")
                  .build(),
          "CloseOrder",
              ASK_PROVIDER.toBuilder().setSummary("close the order at the provider").build(),
          "QueryRefund",
              ASK_PROVIDER.toBuilder()
                  .setSummary("ask the provider where the refund stands")
                  .build(),
          "FailOver",
              STORE.toBuilder().setSummary("move the payment to the next backup channel").build(),
          "VerifiedCallback",
              STORE.toBuilder()
                  .setSummary("look the callback up among those an adapter verified")
                  .build());

  /**
   * Short provider and store calls, as local activities; each method gets the options that fit what
   * it does. One stub for all of them: a stub is a proxy, and every payment builds its own.
   */
  final PaymentActivities local =
      Workflow.newLocalActivityStub(PaymentActivities.class, STORE, LOCAL_BY_TYPE);

  /** The provider query of a settlement by hand ({@link #ASK_PROVIDER_NOW}). */
  final PaymentActivities askNow =
      Workflow.newLocalActivityStub(PaymentActivities.class, ASK_PROVIDER_NOW);

  /**
   * Fulfilment, refund webhooks and refunds; the platform's calls retry until the payment's
   * fulfilment deadline.
   */
  final PaymentActivities remote;

  PaymentStubs(Duration fulfilmentDeadline) {
    ActivityOptions toPlatform =
        ActivityOptions.newBuilder()
            .setSummary("record paid and notify the platform")
            .setStartToCloseTimeout(Duration.ofSeconds(15))
            .setScheduleToCloseTimeout(fulfilmentDeadline)
            .setRetryOptions(
                RetryOptions.newBuilder()
                    .setInitialInterval(Duration.ofSeconds(1))
                    .setMaximumInterval(Duration.ofMinutes(5))
                    .build())
            .build();
    this.remote =
        Workflow.newActivityStub(
            PaymentActivities.class,
            REFUND,
            Map.of(
                "Fulfil",
                toPlatform,
                "NotifyRefund",
                toPlatform.toBuilder()
                    .setSummary("tell the platform the refund has settled")
                    .build(),
                "CloseOrder",
                CLOSE_ABANDONED));
  }
}
