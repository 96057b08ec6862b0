package io.channelshift.payment;

import io.channelshift.payment.Screening.Rejected;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Consumer;

/**
 * A payment's money and status, and the refunds asked of it: the bookkeeping of the payment
 * process, with no Temporal calls, so that every rule about amounts reads on its own. Whoever
 * builds it is told of each change of status (the workflow makes it a search attribute and a
 * metric).
 *
 * <p>Longer than most classes here on purpose: every rule about a payment's amounts and status
 * (what may be refunded, what a close or a late payment does to the status, what the view shows)
 * sits in this one class, so that none can be read, or changed, without the others beside it.
 */
final class PaymentLedger {

  /**
   * The states in which no money has come: only these can be closed (an order already closed
   * answers as it is).
   */
  private static final Set<PaymentStatus> NOTHING_PAID =
      Set.of(
          PaymentStatus.CREATED,
          PaymentStatus.AWAITING_PAYMENT,
          PaymentStatus.CLOSED,
          PaymentStatus.FAILED,
          PaymentStatus.REJECTED);

  private final Consumer<PaymentStatus> statusChanged;
  private PaymentRequest request;
  private PaymentStatus status = PaymentStatus.CREATED;
  private Checkout checkout;
  private String merchantId;
  private String tradeNo;
  private String paidAt;
  private long expiresAt;

  /**
   * What came, in the order's currency: the view shows one currency, and money in another is held
   * as an anomaly (never refunded by amount) or, paid after close, refunded as it came.
   */
  private Money paid;

  private Money refunded;
  private String anomalyReason;

  /** Why the platform asked to close the unpaid order, once it has. */
  private String closeAsked;

  private final Map<String, RefundView> refundsById = new LinkedHashMap<>();
  private final Queue<String> refundQueue = new ArrayDeque<>();
  private final List<String> notes = new ArrayList<>();

  PaymentLedger(PaymentRequest request, Consumer<PaymentStatus> statusChanged) {
    this.request = request;
    this.statusChanged = statusChanged;
    this.paid = Money.zero(request.currency());
    this.refunded = Money.zero(request.currency());
  }

  PaymentRequest request() {
    return request;
  }

  String channel() {
    return request.route().channel();
  }

  OrderRef orderRef() {
    return new OrderRef(request.orderId(), channel());
  }

  PaymentStatus status() {
    return status;
  }

  boolean awaitingPayment() {
    return status == PaymentStatus.AWAITING_PAYMENT;
  }

  void moveTo(PaymentStatus next) {
    if (status != next) {
      status = next;
      statusChanged.accept(next);
    }
  }

  void note(String note) {
    notes.add(note);
  }

  void expiresAt(long epochMs) {
    this.expiresAt = epochMs;
  }

  long expiresAt() {
    return expiresAt;
  }

  Checkout checkout() {
    return checkout;
  }

  String tradeNo() {
    return tradeNo;
  }

  String paidAt() {
    return paidAt;
  }

  Money paid() {
    return paid;
  }

  Money refunded() {
    return refunded;
  }

  /**
   * The routing table changed before the create, and the order was created on the route now in
   * force.
   */
  void reroute(RouteDecision route) {
    request = request.withRoute(route);
  }

  /** Refuses a second checkout for this order id by another user, amount or currency. */
  void checkSameOrder(CheckoutRequest r) {
    if (!request.userId().equals(r.userId())
        || request.amountMinor() != r.amountMinor()
        || !request.currency().equals(r.currency())) {
      throw new IllegalArgumentException(
          "order " + request.orderId() + " already exists with another user, amount or currency");
    }
  }

  // ---- before any money: rejected, refused, or waiting for it ----

  void rejected(String reason) {
    moveTo(PaymentStatus.REJECTED);
    notes.add(reason);
    checkout = new Checkout(request.orderId(), status, channel(), null, expiresAt, reason);
  }

  void failed(String reason) {
    moveTo(PaymentStatus.FAILED);
    notes.add(reason);
    checkout = new Checkout(request.orderId(), status, channel(), null, expiresAt, reason);
  }

  void awaiting(String payUrl, String channelMerchantId) {
    merchantId = channelMerchantId;
    moveTo(PaymentStatus.AWAITING_PAYMENT);
    checkout = new Checkout(request.orderId(), status, channel(), payUrl, expiresAt, null);
  }

  /** The platform asks to close the unpaid order; the first reason given is kept. */
  void askClose(String reason) {
    if (status == PaymentStatus.AWAITING_PAYMENT && closeAsked == null) {
      closeAsked = reason == null || reason.isBlank() ? "no reason given" : reason;
    }
  }

  String closeAsked() {
    return closeAsked;
  }

  void checkClosable() {
    if (!NOTHING_PAID.contains(status)) {
      throw new IllegalStateException(
          "payment is "
              + status
              + ": money has come, so it cannot be closed; "
              + (status == PaymentStatus.ANOMALY ? "it is held for review" : "refund it instead"));
    }
  }

  void closed(String why) {
    moveTo(PaymentStatus.CLOSED);
    notes.add(why);
  }

  // ---- money arrives ----

  /**
   * Money arrived: checks it against the order, then marks the payment PAID, or holds it as an
   * ANOMALY (Rejected, its rule and the reason kept as the anomaly's).
   */
  Screening received(
      String paidTradeNo,
      String paidMerchant,
      long amount,
      String currency,
      String when,
      String source) {
    tradeNo = paidTradeNo;
    paid = paid.withMinor(amount);
    Screening check = matchesOrder(paidMerchant, amount, currency);
    if (check instanceof Rejected mismatch) {
      anomalyReason = mismatch.detail() + " (" + source + ")";
      moveTo(PaymentStatus.ANOMALY);
      notes.add("held for review: " + anomalyReason);
      return new Rejected(mismatch.rule(), anomalyReason);
    }
    notes.add("paid (" + source + ")");
    this.paidAt = when;
    moveTo(PaymentStatus.PAID);
    return check;
  }

  private Screening matchesOrder(String paidMerchant, long amount, String currency) {
    if (merchantId != null && paidMerchant != null && !merchantId.equals(paidMerchant)) {
      return new Rejected(
          "MERCHANT", "merchant " + paidMerchant + " is not this channel's merchant " + merchantId);
    }
    // The money is compared as money; an answer that names no currency is not the order's.
    if (!request.currency().equals(currency)
        || !request.amount().equals(new Money(amount, currency))) {
      return new Rejected(
          "AMOUNT", "paid " + amount + " " + currency + " for an order of " + request.amount());
    }
    return Screening.PASSED;
  }

  /**
   * The order was closed here but the user paid anyway: nothing is kept; returns the reason its
   * refund carries.
   */
  String paidAfterClose(String paidTradeNo, long amount, String notifyId) {
    tradeNo = paidTradeNo;
    paid = paid.withMinor(amount);
    String reason = "paid after close (callback " + notifyId + "): automatic refund";
    notes.add(reason);
    return reason;
  }

  String anomalyReason() {
    return anomalyReason;
  }

  // ---- refunds ----

  /** The refund the platform asks for, as accepted (an idempotent repeat answers the first). */
  RefundView takeRefund(RefundRequest r) {
    RefundView existing = refundsById.get(r.refundId());
    if (existing != null) {
      return existing;
    }
    RefundView view =
        new RefundView(
            r.refundId(), r.amountMinor(), r.reason(), RefundStatus.REQUESTED, false, null);
    queue(view);
    return view;
  }

  void queue(RefundView refund) {
    refundsById.put(refund.refundId(), refund);
    refundQueue.add(refund.refundId());
  }

  /** Refuses, with the reason, a refund this payment cannot take now. */
  void checkRefund(RefundRequest r) {
    if (RefundIds.claimsAutomaticForm(r.refundId())) {
      throw new IllegalArgumentException(
          "refundId " + r.refundId() + " has the form of the payment's own refunds");
    }
    RefundView existing = refundsById.get(r.refundId());
    if (existing != null) {
      if (existing.amountMinor() != r.amountMinor()) {
        throw new IllegalArgumentException(
            "refundId "
                + r.refundId()
                + " was already used for "
                + existing.amountMinor()
                + ", not "
                + r.amountMinor());
      }
      return; // idempotent repeat
    }
    if (!refundQueue.isEmpty() || status == PaymentStatus.REFUNDING) {
      throw new IllegalStateException(
          "another refund is in flight; one refund at a time per payment");
    }
    if (!status.refundable()) {
      throw new IllegalStateException(
          "payment is " + status + "; only a paid payment can be refunded");
    }
    Money refundable = paid.minus(refunded);
    Money asked = refundable.withMinor(r.amountMinor()); // a refund is in the payment's currency
    if (!refundable.atLeast(asked)) {
      throw new IllegalArgumentException(
          "refund of " + r.amountMinor() + " exceeds the refundable amount " + refundable);
    }
  }

  boolean refundsQueued() {
    return !refundQueue.isEmpty();
  }

  RefundView nextRefund() {
    return refundsById.get(refundQueue.poll());
  }

  RefundView refund(String refundId) {
    return refundsById.get(refundId);
  }

  void processing(RefundView refund) {
    refundsById.put(refund.refundId(), refund.withStatus(RefundStatus.PROCESSING, null));
  }

  /**
   * The refund's end: the money given back, or the refund failed and the payment back where it was
   * (a closed one, whose money cannot be given back, held for review). Returns the refund as
   * settled.
   */
  RefundView settled(RefundView refund, RefundResult result, PaymentStatus before) {
    RefundView done;
    if (result.outcome() == ProviderOutcome.PROCESSED) {
      refunded = refunded.plus(refunded.withMinor(refund.amountMinor()));
      done = refund.withStatus(RefundStatus.SUCCEEDED, null);
      moveTo(refunded.atLeast(paid) ? PaymentStatus.REFUNDED : PaymentStatus.PARTIALLY_REFUNDED);
    } else {
      done = refund.withStatus(RefundStatus.FAILED, result.failure());
      notes.add("refund " + refund.refundId() + " failed: " + result.failure());
      moveTo(before == PaymentStatus.CLOSED ? PaymentStatus.ANOMALY : before);
    }
    refundsById.put(refund.refundId(), done);
    return done;
  }

  /**
   * A refund of money that reached an order the payment left at another channel: shown among the
   * payment's refunds, never counted in its totals or status (that money was never the payment's).
   */
  void refundAtLeftChannel(RefundView refund) {
    refundsById.put(refund.refundId(), refund);
  }

  /** The end of a refund at a channel the payment left; a failure is written for a human. */
  RefundView settledAtLeftChannel(RefundView refund, RefundResult result) {
    RefundView done =
        result.outcome() == ProviderOutcome.PROCESSED
            ? refund.withStatus(RefundStatus.SUCCEEDED, null)
            : refund.withStatus(RefundStatus.FAILED, result.failure());
    if (done.status() == RefundStatus.FAILED) {
      notes.add(
          "automatic refund "
              + refund.refundId()
              + " of money paid on the order left at another channel failed: "
              + result.failure()
              + "; money is kept there for this order: refund it by hand");
    }
    refundsById.put(refund.refundId(), done);
    return done;
  }

  PaymentView view() {
    return new PaymentView(
        request.orderId(),
        request.userId(),
        status,
        channel(),
        request.route().tableVersion(),
        request.amountMinor(),
        request.currency(),
        request.productType(),
        paid.minor(),
        refunded.minor(),
        checkout == null ? null : checkout.payUrl(),
        expiresAt,
        tradeNo,
        anomalyReason,
        List.copyOf(refundsById.values()),
        List.copyOf(notes));
  }
}
