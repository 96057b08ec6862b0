package io.channelshift.payment;

import io.channelshift.temporal.Timers;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One refund at a time, on the payment's own channel: ask for it, query it while it is pending
 * (sooner when the provider sends notice), settle it in the ledger and the store, and tell the
 * platform without waiting for it.
 */
final class RefundProcess {

  /**
   * How long to wait before each query of a pending refund, the last repeating. A refund to a bank
   * card can stay pending for days (WeChat Pay: several working days), so the tail is an hour:
   * about 170 history events a day. Before version 1 of {@link PaymentVersions#REFUND_POLL_BACKOFF}
   * it was a minute, about 7 events a minute, which would have taken a payment past a cluster's
   * 51,200-event history limit within a week of a slow refund.
   */
  private static final List<Duration> REFUND_POLL =
      List.of(
          Duration.ofSeconds(1),
          Duration.ofSeconds(2),
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofMinutes(1),
          Duration.ofMinutes(5),
          Duration.ofMinutes(15),
          Duration.ofHours(1));

  private static final List<Duration> REFUND_POLL_BEFORE_V1 = REFUND_POLL.subList(0, 5);

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;
  private final PaymentVersions versions;
  private final ProviderConversation provider;

  /**
   * Refund webhooks on their way; each settles (delivered or given up, with a note), none fails the
   * payment.
   */
  private final List<Promise<Void>> webhooks = new ArrayList<>();

  /**
   * Where each refund's webhook stands, by refund id: being sent, delivered, or given up (kept, to
   * be sent again by hand: {@link #resendWebhook}).
   */
  private final Set<String> webhooksSending = new HashSet<>();

  private final Set<String> webhooksDelivered = new HashSet<>();
  private final Map<String, RefundWebhook> webhooksGivenUp = new HashMap<>();
  private boolean resentByHand;

  /** Refunds a provider has sent notice of since their last query. */
  private final Set<String> noticed = new HashSet<>();

  /**
   * Refund ids by the number each was sent under at its provider, which the provider's notices
   * name. Refunds sent before numbers were per payment were sent under their refund id, and have no
   * entry.
   */
  private final Map<String, String> refundIdsByOutRefundNo = new HashMap<>();

  RefundProcess(
      PaymentLedger ledger,
      PaymentStubs stubs,
      PaymentVersions versions,
      ProviderConversation provider) {
    this.ledger = ledger;
    this.stubs = stubs;
    this.versions = versions;
    this.provider = provider;
  }

  /**
   * The provider's notice that a refund moved wakes its wait; a notice of a settled refund has
   * nothing to wake.
   */
  void notice(RefundNotice notice) {
    String refundId = refundIdsByOutRefundNo.getOrDefault(notice.refundId(), notice.refundId());
    RefundView refund = ledger.refund(refundId);
    if (refund != null && !refund.status().isFinal()) {
      noticed.add(refundId);
    }
  }

  void process(RefundView refund) {
    PaymentStatus before = ledger.status();
    ledger.moveTo(PaymentStatus.REFUNDING);
    PaymentRequest request = ledger.request();
    Workflow.setCurrentDetails(
        "Refunding "
            + new Money(refund.amountMinor(), request.currency())
            + " (refund "
            + refund.refundId()
            + ") on **"
            + ledger.channel()
            + "**");
    RefundCommand command =
        new RefundCommand(
            request.orderId(),
            refund.refundId(),
            ledger.channel(),
            refund.amountMinor(),
            request.currency(),
            refund.reason(),
            refund.automatic());
    RefundResult result = untilSettled(refund, command);
    RefundView done = ledger.settled(refund, result, before);
    stubs.local.settleRefund(
        new RefundSettlement(
            request.orderId(),
            refund.refundId(),
            done.status(),
            done.failure(),
            ledger.refunded().minor(),
            ledger.status()));
    if (versions.refundWebhooks()) {
      tellPlatform(done, ledger.channel());
    }
  }

  /**
   * Money reached an order the payment left at {@code channel} when it failed over at create: it
   * goes back at that channel, as an automatic refund the payment's refunds show; the payment's own
   * money, status and totals are untouched (the store's totals are written as they stand).
   */
  void refundAtLeftChannel(RefundView refund, String channel, Money paid) {
    PaymentRequest request = ledger.request();
    ledger.refundAtLeftChannel(refund);
    RefundCommand command =
        new RefundCommand(
            request.orderId(),
            refund.refundId(),
            channel,
            paid.minor(),
            paid.currency(),
            refund.reason(),
            true);
    RefundView done = ledger.settledAtLeftChannel(refund, untilSettled(refund, command));
    stubs.local.settleRefund(
        new RefundSettlement(
            request.orderId(),
            refund.refundId(),
            done.status(),
            done.failure(),
            ledger.refunded().minor(),
            ledger.status()));
    tellPlatform(done, channel);
  }

  /** Asks for the refund, then queries it while the provider has not finished it. */
  private RefundResult untilSettled(RefundView refund, RefundCommand command) {
    RefundResult result = provider.refund(command);
    rememberOutRefundNo(refund, result);
    List<Duration> backoff = null;
    boolean wakeOnNotice = false;
    for (int poll = 0;
        result.outcome() == ProviderOutcome.PENDING || result.outcome() == ProviderOutcome.UNKNOWN;
        poll++) {
      ledger.processing(refund);
      if (backoff
          == null) { // decided where the first wait starts, so histories without the markers replay
        // as before
        backoff = versions.refundPollBackoff() ? REFUND_POLL : REFUND_POLL_BEFORE_V1;
        wakeOnNotice = versions.refundNotices();
      }
      Duration wait = backoff.get(Math.min(poll, backoff.size() - 1));
      if (wakeOnNotice) {
        Timers.awaitOrTimeout(
            wait,
            "next refund query (sooner on the provider's notice)",
            () -> noticed.contains(refund.refundId()));
        noticed.remove(refund.refundId());
      } else {
        Workflow.sleep(wait);
      }
      result = provider.queryRefund(command);
      if (result.outcome() == ProviderOutcome.CANCELED) {
        result =
            provider.refund(
                command); // the provider never saw it: sending it (same refund number) is safe
      }
      rememberOutRefundNo(refund, result);
    }
    return result;
  }

  /**
   * Sends the refund's webhook without waiting for it: a platform whose webhook is down must not
   * hold up the next refund or a late callback. Delivery is retried until the fulfilment deadline;
   * past it, a note says so.
   */
  private void tellPlatform(RefundView refund, String channel) {
    PaymentRequest request = ledger.request();
    String eventId =
        versions.uniqueRefundEventIds()
            ? RefundWebhook.eventId(request.orderId(), refund.refundId())
            : RefundWebhook.eventIdBeforeEventIds(request.orderId(), refund.refundId());
    RefundWebhook webhook =
        new RefundWebhook(
            eventId,
            request.orderId(),
            request.userId(),
            refund.refundId(),
            refund.amountMinor(),
            request.currency(),
            channel,
            refund.automatic(),
            refund.status(),
            refund.failure(),
            ledger.refunded().minor(),
            ledger.status());
    webhooksSending.add(refund.refundId());
    webhooks.add(
        Async.procedure(stubs.remote::notifyRefund, webhook)
            .handle(
                (ok, failure) -> {
                  webhooksSending.remove(refund.refundId());
                  if (failure == null) {
                    webhooksDelivered.add(refund.refundId());
                  } else {
                    webhooksGivenUp.put(refund.refundId(), webhook);
                    ledger.note(
                        webhook.type()
                            + " webhook for refund "
                            + refund.refundId()
                            + " not acknowledged within "
                            + request.timing().fulfilmentDeadline()
                            + ": tell the platform by hand");
                  }
                  return null;
                }));
  }

  /**
   * The validator of a refund webhook's resend: only one given up at its deadline is sent again;
   * one still being retried, or delivered, is refused, as is a refund with no webhook (not settled
   * yet, or unknown).
   */
  void checkResend(RefundResendRequest r) {
    if (r == null) {
      throw new IllegalArgumentException("a resend needs the refund, who asks and why");
    }
    String id = r.refundId();
    if (webhooksSending.contains(id)) {
      throw new IllegalStateException(
          "the webhook of refund " + id + " is still being sent (retried until its deadline)");
    }
    if (webhooksDelivered.contains(id)) {
      throw new IllegalStateException("the webhook of refund " + id + " was delivered");
    }
    if (!webhooksGivenUp.containsKey(id)) {
      throw new IllegalStateException(
          "refund " + id + " has no webhook to resend (unknown, or not settled yet)");
    }
  }

  /** Sends a given-up refund webhook once more, the same event, with its own retries. */
  ResendResult resendWebhook(RefundResendRequest r) {
    versions.actsByHand();
    resentByHand = true;
    try {
      checkResend(r); // a second resend come in the same task finds the first under way
    } catch (IllegalStateException refused) {
      throw ApplicationFailure.newFailure(
          refused.getMessage(), IllegalStateException.class.getName());
    }
    String id = r.refundId();
    RefundWebhook webhook = webhooksGivenUp.remove(id);
    webhooksSending.add(id);
    ledger.note(r.request().asked("webhook of refund " + id + " resent by hand"));
    try {
      stubs.remote.notifyRefund(webhook);
      webhooksDelivered.add(id);
      ledger.note("webhook of refund " + id + " resent by hand: delivered");
      return new ResendResult(
          ResendResult.Outcome.DELIVERED,
          ledger.status(),
          webhook.eventId(),
          "the platform acknowledged " + webhook.type() + " of refund " + id);
    } catch (ActivityFailure e) {
      webhooksGivenUp.put(id, webhook);
      String why =
          "not acknowledged within " + ledger.request().timing().fulfilmentDeadline() + " again";
      ledger.note("webhook of refund " + id + " resent by hand: " + why);
      return new ResendResult(
          ResendResult.Outcome.NOT_ACKNOWLEDGED, ledger.status(), webhook.eventId(), why);
    } finally {
      webhooksSending.remove(id);
    }
  }

  boolean resentByHand() {
    return resentByHand;
  }

  /**
   * The payment ends only once the platform has been told of every refund (or its delivery was
   * given up).
   */
  void awaitWebhooks() {
    if (!webhooks.isEmpty()) {
      Workflow.setCurrentDetails(
          "**" + ledger.status() + "**. Telling the platform of its refunds");
      Promise.allOf(webhooks).get();
    }
  }

  /** So that the provider's notices, which name the number the refund was sent under, find it. */
  private void rememberOutRefundNo(RefundView refund, RefundResult result) {
    if (result.outRefundNo() != null) {
      refundIdsByOutRefundNo.put(result.outRefundNo(), refund.refundId());
    }
  }
}
