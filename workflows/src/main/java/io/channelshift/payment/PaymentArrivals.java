package io.channelshift.payment;

import io.channelshift.payment.Answer.Answered;
import io.channelshift.payment.Screening.Rejected;
import io.temporal.workflow.Workflow;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import org.slf4j.Logger;

/**
 * How money that arrives is taken in: provider callbacks (each applied at most once, and only as a
 * channel's adapter verified it) and the provider's own word when asked. Money for an open order
 * pays it; money for an order closed here goes back by an automatic refund; a second payment for a
 * paid order is held for review. At expiry, or when the platform asks to close, the order is
 * settled with the provider: paid after all, or closed there.
 */
final class PaymentArrivals {

  /** The payment's own log category, so that what operators filter on stays the same. */
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  /**
   * Queries a payment makes for callbacks no adapter verified: a few (a reconciliation repair is
   * one), not a flood.
   */
  private static final int UNVERIFIED_QUERIES = 5;

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;
  private final PaymentVersions versions;
  private final ProviderConversation provider;
  private final ChannelFailover failover;
  private final Queue<ProviderCallback> callbacks = new ArrayDeque<>();
  private final Set<String> appliedNotifyIds = new HashSet<>();

  /** Callbacks that came with no adapter's verification, and the provider queries they led to. */
  private int unverifiedCallbacks;

  private int unverifiedQueries;

  /** A settlement by hand took the money in ({@link #settleByHand}). */
  private boolean settledByHand;

  PaymentArrivals(
      PaymentLedger ledger,
      PaymentStubs stubs,
      PaymentVersions versions,
      ProviderConversation provider,
      ChannelFailover failover) {
    this.ledger = ledger;
    this.stubs = stubs;
    this.versions = versions;
    this.provider = provider;
    this.failover = failover;
  }

  void signalled(ProviderCallback callback) {
    callbacks.add(callback);
  }

  boolean callbackWaiting() {
    return !callbacks.isEmpty();
  }

  /**
   * Whether the payment's waits for its money should end: a callback came, or a settlement by hand
   * took the money in (only ever so once {@link PaymentVersions#BY_HAND} said yes).
   */
  boolean moneyMayHaveCome() {
    return callbackWaiting() || settledByHand;
  }

  /** Applies the callbacks that came; returns whether the payment no longer waits for its money. */
  boolean settledByCallbacks() {
    applyCallbacks();
    return !ledger.awaitingPayment();
  }

  void applyCallbacks() {
    boolean askProvider = false;
    while (!callbacks.isEmpty()) {
      ProviderCallback cb = callbacks.poll();
      if (appliedNotifyIds.contains(cb.notifyId())) {
        continue; // a duplicate: applied once already
      }
      boolean verifying = versions.verifiesCallbacks();
      if (verifying) {
        ProviderCallback verified =
            stubs.local.verifiedCallback(
                new CallbackRef(ledger.channel(), ledger.request().orderId(), cb.notifyId()));
        if (verified == null && failover.movedOn()) {
          if (fromChannelLeft(cb)) {
            continue;
          }
        }
        if (verified == null) {
          askProvider |= unverified(cb);
          continue;
        }
        cb = verified;
      }
      appliedNotifyIds.add(cb.notifyId());
      if (!cb.paid()) {
        continue; // a non-payment notification: nothing to apply
      }
      String tradeNo = ledger.tradeNo();
      if (ledger.awaitingPayment()) {
        received(
            cb.tradeNo(),
            cb.merchantId(),
            cb.amountMinor(),
            cb.currency(),
            cb.paidAt(),
            "callback " + cb.notifyId());
      } else if (ledger.status() == PaymentStatus.CLOSED
          && !(verifying && cb.tradeNo() != null && cb.tradeNo().equals(tradeNo))) {
        // (the same trade told twice while its automatic refund waits is refunded once)
        paidAfterClose(cb);
      } else if (tradeNo != null && !tradeNo.equals(cb.tradeNo())) {
        ledger.note(
            "second payment "
                + cb.tradeNo()
                + " for an order already paid by "
                + tradeNo
                + "; held for review");
      }
    }
    if (askProvider) {
      askAfterUnverifiedCallback();
    }
  }

  /**
   * A callback no adapter verified on the payment's channel may come from a channel it left at its
   * create: believed only as that channel's adapter verified it for this order (the inbox is asked
   * by channel and order). Money it brings is refunded at that channel. Returns whether it was one.
   */
  private boolean fromChannelLeft(ProviderCallback cb) {
    for (String channel : failover.channelsLeft()) {
      ProviderCallback verified =
          stubs.local.verifiedCallback(
              new CallbackRef(channel, ledger.request().orderId(), cb.notifyId()));
      if (verified != null) {
        if (appliedNotifyIds.add(channel + "/" + verified.notifyId()) && verified.paid()) {
          failover.paidByCallback(channel, verified);
        }
        return true;
      }
    }
    return false;
  }

  /**
   * The provider said the order is paid (a query or a refused close): the money is taken in as a
   * callback's.
   */
  void providerSays(ProviderOrderState state, String source) {
    // An answer that comes after another settled the payment (a settlement by hand, answered while
    // this call was out) has nothing left to settle.
    if (state.state() == ProviderOrderState.State.PAID && ledger.awaitingPayment()) {
      received(
          state.tradeNo(),
          state.merchantId(),
          state.paidAmountMinor(),
          state.currency(),
          state.paidAt(),
          source);
    }
  }

  /** At expiry the provider is asked once more: paid after all, or closed there. */
  void settleAtExpiry() {
    Optional<ProviderOrderState> asked =
        provider.queryUntilAnswered(this::moneyMayHaveCome, this::settledByCallbacks);
    if (asked.isEmpty() || !ledger.awaitingPayment()) {
      return; // a callback (or a settlement by hand) settled it meanwhile
    }
    if (asked.get().state() == ProviderOrderState.State.PAID) {
      providerSays(asked.get(), "final query at expiry");
      return;
    }
    closeAtProvider(
        "close refused: paid at the provider after all", "expired unpaid; closed at the provider");
  }

  /**
   * Closes the order at the provider, asking until it answers. A provider that refuses because the
   * order was paid makes the payment paid ({@code whenPaidFirst} says so in the notes); a paid
   * callback meanwhile settles it.
   */
  void closeAtProvider(String whenPaidFirst, String whyClosed) {
    Optional<ProviderOrderState> closing =
        provider.closeUntilAnswered(this::moneyMayHaveCome, this::settledByCallbacks);
    if (closing.isEmpty() || !ledger.awaitingPayment()) {
      return;
    }
    if (closing.get().state() == ProviderOrderState.State.PAID) {
      providerSays(closing.get(), whenPaidFirst);
      return;
    }
    ledger.closed(whyClosed);
    stubs.local.recordStatus(
        new StatusChange(ledger.request().orderId(), ledger.status(), whyClosed));
  }

  /**
   * A callback that no channel adapter verified (a signal sent straight to Temporal, say) is never
   * applied: anyone who can signal the namespace could write one. It may still be a sign that money
   * came (a reconciliation repair is one), so the provider is asked, a few times per payment at
   * most. Returns whether to ask.
   */
  private boolean unverified(ProviderCallback cb) {
    unverifiedCallbacks++;
    log.warn(
        "callback {} for order {} was not verified by a channel adapter; not applied",
        cb.notifyId(),
        ledger.request().orderId());
    if (unverifiedCallbacks <= UNVERIFIED_QUERIES) {
      ledger.note(
          "callback "
              + cb.notifyId()
              + " was not verified by a channel adapter: not applied; the provider "
              + "is asked instead");
    }
    return unverifiedQueries < UNVERIFIED_QUERIES
        && (ledger.awaitingPayment()
            || ledger.status() == PaymentStatus.CLOSED && ledger.tradeNo() == null);
  }

  /** The provider's own answer settles what an unverified callback claimed: paid, or nothing. */
  private void askAfterUnverifiedCallback() {
    unverifiedQueries++;
    if (!(provider.query() instanceof Answered<ProviderOrderState> answered)
        || answered.value() == null
        || answered.value().state() != ProviderOrderState.State.PAID) {
      return;
    }
    ProviderOrderState state = answered.value();
    if (ledger.awaitingPayment()) {
      providerSays(state, "query after an unverified callback");
    } else if (closedUnpaid()) {
      paidAfterClose(state);
    }
  }

  /**
   * A settlement by hand: the provider's answer to the query an operator asked for, taken in as any
   * query's (paid, or paid after close and refunded); the operator's word counts for nothing.
   */
  SettleResult.Outcome settleByHand(ProviderOrderState state, String source) {
    if (state.state() != ProviderOrderState.State.PAID) {
      return SettleResult.Outcome.NOT_PAID;
    }
    if (ledger.awaitingPayment()) {
      providerSays(state, source);
      settledByHand = true;
      return ledger.status() == PaymentStatus.ANOMALY
          ? SettleResult.Outcome.HELD_FOR_REVIEW
          : SettleResult.Outcome.SETTLED;
    }
    if (closedUnpaid()) {
      paidAfterClose(state);
      return SettleResult.Outcome.REFUNDING_PAID_AFTER_CLOSE;
    }
    return SettleResult.Outcome.NOTHING_TO_SETTLE;
  }

  /** Closed here with no money taken in: money the provider reports now goes back. */
  boolean closedUnpaid() {
    return ledger.status() == PaymentStatus.CLOSED && ledger.tradeNo() == null;
  }

  /** The provider's own answer that an order closed here was paid: refunded, as any such money. */
  private void paidAfterClose(ProviderOrderState state) {
    paidAfterClose(
        new ProviderCallback(
            "query-" + state.tradeNo(),
            state.merchantId(),
            ledger.request().orderId(),
            state.tradeNo(),
            ProviderCallback.SUCCESS,
            state.paidAmountMinor(),
            state.currency(),
            state.paidAt()));
  }

  /** Money arrived for the open order: paid, or held as an anomaly with its receipt recorded. */
  private void received(
      String tradeNo,
      String merchantId,
      long amount,
      String currency,
      String paidAt,
      String source) {
    if (ledger.received(tradeNo, merchantId, amount, currency, paidAt, source)
        instanceof Rejected anomaly) {
      Workflow.setCurrentDetails(
          "**ANOMALY**: " + anomaly.detail() + ". Not fulfilled; held for review.");
      stubs.local.recordReceipt(
          new PaymentReceipt(
              ledger.request().orderId(),
              ledger.channel(),
              tradeNo,
              amount,
              currency,
              paidAt,
              ledger.status(),
              anomaly.detail()));
    }
  }

  /** The order was closed here but the user paid anyway: keep nothing, give the money back. */
  private void paidAfterClose(ProviderCallback cb) {
    String reason = ledger.paidAfterClose(cb.tradeNo(), cb.amountMinor(), cb.notifyId());
    stubs.local.recordReceipt(
        new PaymentReceipt(
            ledger.request().orderId(),
            ledger.channel(),
            cb.tradeNo(),
            cb.amountMinor(),
            cb.currency(),
            cb.paidAt(),
            PaymentStatus.REFUNDING,
            reason));
    String refundId =
        versions.automaticRefundIds()
            ? RefundIds.automatic(Workflow.randomUUID())
            : "auto-" + cb.notifyId();
    ledger.queue(
        new RefundView(refundId, cb.amountMinor(), reason, RefundStatus.REQUESTED, true, null));
  }
}
