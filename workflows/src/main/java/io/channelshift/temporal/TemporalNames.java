package io.channelshift.temporal;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * Task queues, workflow ID prefixes and search attribute keys: every name Temporal sees, in one
 * place.
 */
public final class TemporalNames {

  public static final String PAYMENTS_TASK_QUEUE = "channelshift-payments";
  public static final String PAYMENT_ID_PREFIX = "payment-";
  public static final String MIGRATIONS_TASK_QUEUE = "channelshift-migrations";
  public static final String MIGRATION_ID_PREFIX = "migration-";

  /**
   * A channel's lifecycle workflow, {@code channel-{name}}; it runs on the migrations' task queue
   * (engineers' requests, rare). Not {@code channels-}: that prefix is the per-scope health
   * workflows'.
   */
  public static final String CHANNEL_LIFECYCLE_ID_PREFIX = "channel-";

  /** One health workflow per routing scope, on the migrations' queue: a failover never waits. */
  public static final String CHANNEL_HEALTH_ID_PREFIX = "channels-";

  /** Reconciliations have a queue of their own: a day of a million lines never delays a payment. */
  public static final String RECONCILIATION_TASK_QUEUE = "channelshift-reconciliation";

  public static final SearchAttributeKey<String> PAYMENT_STATUS =
      SearchAttributeKey.forKeyword("PaymentStatus");
  public static final SearchAttributeKey<String> PAYMENT_CHANNEL =
      SearchAttributeKey.forKeyword("PaymentChannel");
  public static final SearchAttributeKey<String> PRODUCT_TYPE =
      SearchAttributeKey.forKeyword("ProductType");
  public static final SearchAttributeKey<Long> ROUTING_VERSION =
      SearchAttributeKey.forLong("RoutingVersion");
  public static final SearchAttributeKey<String> MIGRATION_PHASE =
      SearchAttributeKey.forKeyword("MigrationPhase");
  public static final SearchAttributeKey<Long> TRAFFIC_WEIGHT =
      SearchAttributeKey.forLong("TrafficWeight");
  public static final SearchAttributeKey<String> FROM_CHANNEL =
      SearchAttributeKey.forKeyword("FromChannel");
  public static final SearchAttributeKey<String> TO_CHANNEL =
      SearchAttributeKey.forKeyword("ToChannel");

  /** The custom search attributes this project needs registered on the namespace. */
  public static final List<SearchAttributeKey<?>> CUSTOM_SEARCH_ATTRIBUTES =
      List.of(
          PAYMENT_STATUS,
          PAYMENT_CHANNEL,
          PRODUCT_TYPE,
          ROUTING_VERSION,
          MIGRATION_PHASE,
          TRAFFIC_WEIGHT,
          FROM_CHANNEL,
          TO_CHANNEL);

  private TemporalNames() {}

  public static String paymentWorkflowId(String orderId) {
    return PAYMENT_ID_PREFIX + orderId;
  }

  public static String migrationWorkflowId(String migrationId) {
    return MIGRATION_ID_PREFIX + migrationId;
  }

  public static String channelLifecycleWorkflowId(String channel) {
    return CHANNEL_LIFECYCLE_ID_PREFIX + channel;
  }

  /** {@code channels-{scope}}: the scope's health workflow. */
  public static String channelHealthWorkflowId(String scope) {
    return CHANNEL_HEALTH_ID_PREFIX + scope;
  }
}
