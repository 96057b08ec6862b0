package io.channelshift.payment;

import io.temporal.workflow.Workflow;

/**
 * The payment's version gates, each asked of Temporal once, at the point where the code first needs
 * it, and remembered. The point matters: a gate's marker sits in history where it was first asked,
 * so none is asked early.
 */
final class PaymentVersions {

  /**
   * Version 1: the risk rules judge the request first. Version 2: callbacks are verified too
   * (VERIFIED_CALLBACKS).
   */
  static final String RISK_RULES = "risk-rules";

  /**
   * Version 1: a payment routed again at its create moves its search attributes to the new channel.
   */
  static final String REROUTE_AT_CREATE = "reroute-at-create";

  /**
   * Version 1: a pending refund is queried on a backoff that grows to an hour; before, every
   * minute.
   */
  static final String REFUND_POLL_BACKOFF = "refund-poll-backoff";

  /** Version 1: a provider's refund notice ends the wait before the next refund query. */
  static final String REFUND_NOTICES = "refund-notices";

  /** Version 1: the platform is told by webhook when a refund settles. */
  static final String REFUND_WEBHOOKS = "refund-webhooks";

  /**
   * Version 1: a provider that does not answer for a whole retry window no longer fails the
   * payment. An active query is skipped, the expiry's query and close (and the platform's close)
   * are asked again until the provider answers, a refund query counts as still pending and a refund
   * call as unanswered (then queried).
   */
  static final String PROVIDER_OUTAGES = "provider-outages";

  /**
   * Version 1: a callback is applied only as a channel's adapter verified it (looked up in the
   * inbox the starter writes before it signals); one that came another way is not believed, and the
   * provider is asked instead. A payment started at {@link #RISK_RULES} version 2 or later does
   * this from its start without a marker of its own.
   */
  static final String VERIFIED_CALLBACKS = "verified-callbacks";

  /**
   * Version 1: an automatic refund's id is {@code auto~} and a random UUID ({@link RefundIds}), a
   * form the platform's API never accepts, so no platform refund can take it first; before, {@code
   * auto-{notifyId}}.
   */
  static final String AUTOMATIC_REFUND_IDS = "automatic-refund-ids";

  /**
   * Version 1: a refund's webhook event id is unique by construction ({@link EventIds#refund}:
   * {@code refund/{orderId}/{refundId}}); before, {@code refund-{orderId}-{refundId}}, which two
   * refunds could share.
   */
  static final String EVENT_IDS = "event-ids";

  /**
   * Version 1: a create the channel cannot take (transport, timeout, unavailable, restricted) moves
   * the payment to the next backup of its scope's table ({@link ChannelFailover}); before, it ended
   * the payment FAILED. Asked at the first such create only.
   */
  static final String FAILOVER_AT_CREATE = "failover-at-create";

  /**
   * Version 1: ops act by hand ({@link ManualSettlement}, {@link Fulfilment#resend}, {@link
   * RefundProcess#resendWebhook}); a settlement by hand ends the main loop's waits, and the payment
   * ends only once each such request is answered. Asked in the handler, at its first use: a payment
   * that never took one never asks.
   */
  static final String BY_HAND = "by-hand";

  private Integer start;
  private Boolean failsOverAtCreate;
  private Boolean verifiesCallbacks;
  private Boolean reroutesSearchAttributes;
  private Boolean survivesProviderOutages;
  private Boolean automaticRefundIds;
  private Boolean refundPollBackoff;
  private Boolean refundNotices;
  private Boolean refundWebhooks;
  private Boolean uniqueRefundEventIds;
  private Boolean byHand;

  /**
   * The {@link #RISK_RULES} version the payment started with: one marker that says how its code
   * began.
   */
  int start() {
    if (start == null) {
      start = Workflow.getVersion(RISK_RULES, Workflow.DEFAULT_VERSION, 2);
    }
    return start;
  }

  /**
   * Whether the risk rules judge the request; payments started before they existed never ran them.
   */
  boolean runsRiskRules() {
    return start() >= 1;
  }

  /**
   * Payments started before {@link #VERIFIED_CALLBACKS} begin to verify at their next callback,
   * marked then.
   */
  boolean verifiesCallbacks() {
    if (verifiesCallbacks == null) {
      verifiesCallbacks = start() >= 2 || atLeastOne(VERIFIED_CALLBACKS);
    }
    return verifiesCallbacks;
  }

  /**
   * Histories from before this never carry a new route, so the gate only marks where the attributes
   * follow.
   */
  boolean reroutesSearchAttributes() {
    if (reroutesSearchAttributes == null) {
      reroutesSearchAttributes = atLeastOne(REROUTE_AT_CREATE);
    }
    return reroutesSearchAttributes;
  }

  /**
   * Asked at the first call that gave up: runs from before {@link #PROVIDER_OUTAGES} failed the
   * payment there.
   */
  boolean survivesProviderOutages() {
    if (survivesProviderOutages == null) {
      survivesProviderOutages = atLeastOne(PROVIDER_OUTAGES);
    }
    return survivesProviderOutages;
  }

  boolean automaticRefundIds() {
    if (automaticRefundIds == null) {
      automaticRefundIds = atLeastOne(AUTOMATIC_REFUND_IDS);
    }
    return automaticRefundIds;
  }

  /**
   * Asked where a refund's first wait starts, so that histories without the marker replay as
   * before.
   */
  boolean refundPollBackoff() {
    if (refundPollBackoff == null) {
      refundPollBackoff = atLeastOne(REFUND_POLL_BACKOFF);
    }
    return refundPollBackoff;
  }

  /** Asked right after {@link #refundPollBackoff()}, where a refund's first wait starts. */
  boolean refundNotices() {
    if (refundNotices == null) {
      refundNotices = atLeastOne(REFUND_NOTICES);
    }
    return refundNotices;
  }

  boolean refundWebhooks() {
    if (refundWebhooks == null) {
      refundWebhooks = atLeastOne(REFUND_WEBHOOKS);
    }
    return refundWebhooks;
  }

  boolean uniqueRefundEventIds() {
    if (uniqueRefundEventIds == null) {
      uniqueRefundEventIds = atLeastOne(EVENT_IDS);
    }
    return uniqueRefundEventIds;
  }

  /** Asked at the first create the channel could not take, where a run first needs it. */
  boolean failsOverAtCreate() {
    if (failsOverAtCreate == null) {
      failsOverAtCreate = atLeastOne(FAILOVER_AT_CREATE);
    }
    return failsOverAtCreate;
  }

  /**
   * Asked by a request by hand before it changes anything; the main loop looks at what it did only
   * once this said yes.
   */
  boolean actsByHand() {
    if (byHand == null) {
      byHand = atLeastOne(BY_HAND);
    }
    return byHand;
  }

  private static boolean atLeastOne(String changeId) {
    return Workflow.getVersion(changeId, Workflow.DEFAULT_VERSION, 1) >= 1;
  }
}
