package io.channelshift.payment;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The fulfilment of a paid payment: the webhook that tells the platform to deliver. A webhook the
 * platform does not acknowledge in time leaves the payment paid and not fulfilled, for a human, who
 * can have it sent again ({@link #resend}): the same event, so the platform drops a repeat.
 */
final class Fulfilment {

  /** The payment's own log category, so that what operators filter on stays the same. */
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  /** Where the webhook stands. */
  enum Delivery {
    NOT_SENT,
    SENDING,
    DELIVERED,
    GIVEN_UP
  }

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;
  private final PaymentVersions versions;
  private Delivery delivery = Delivery.NOT_SENT;
  private boolean resentByHand;

  Fulfilment(PaymentLedger ledger, PaymentStubs stubs, PaymentVersions versions) {
    this.ledger = ledger;
    this.stubs = stubs;
    this.versions = versions;
  }

  void deliver() {
    Workflow.setCurrentDetails("Paid; delivering the fulfilment webhook to the platform");
    PaymentRequest request = ledger.request();
    delivery = Delivery.SENDING;
    try {
      stubs.remote.fulfil(command());
      delivered();
    } catch (ActivityFailure e) {
      // The store's OpsReadings counts given-up webhooks by this reason's start: keep it.
      String reason =
          "fulfilment webhook not acknowledged within " + request.timing().fulfilmentDeadline();
      log.warn("{} for order {}", reason, request.orderId());
      delivery = Delivery.GIVEN_UP;
      ledger.note(reason + "; paid, not fulfilled: needs a human");
      stubs.local.recordStatus(new StatusChange(request.orderId(), PaymentStatus.PAID, reason));
    }
  }

  /**
   * The validator of a resend: only a webhook given up at its deadline, of a payment still PAID
   * (not refunded meanwhile), is sent again; one still being retried, or delivered, is refused.
   */
  void checkResend(ByHandRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("a resend needs who asks and why");
    }
    String orderId = ledger.request().orderId();
    switch (delivery) {
      case SENDING ->
          throw new IllegalStateException(
              "the fulfilment webhook of "
                  + orderId
                  + " is still being sent (retried until its deadline); nothing to resend");
      case DELIVERED ->
          throw new IllegalStateException(
              "the fulfilment webhook of " + orderId + " was delivered; nothing to resend");
      case NOT_SENT ->
          throw new IllegalStateException(
              "payment "
                  + orderId
                  + " is "
                  + ledger.status()
                  + ": no fulfilment webhook to resend");
      case GIVEN_UP -> {}
    }
    if (ledger.status() != PaymentStatus.PAID) {
      throw new IllegalStateException(
          "payment "
              + orderId
              + " is "
              + ledger.status()
              + ": only a PAID payment's fulfilment is sent again");
    }
  }

  /**
   * Sends the fulfilment webhook once more, the same event id, retried until the fulfilment
   * deadline, and answers what came of it.
   */
  ResendResult resend(ByHandRequest request) {
    versions.actsByHand();
    resentByHand = true;
    try {
      checkResend(request); // a second resend come in the same task finds the first under way
    } catch (IllegalStateException refused) {
      // as the validator refuses; thrown as it is, it would fail the workflow task, not the update
      throw ApplicationFailure.newFailure(
          refused.getMessage(), IllegalStateException.class.getName());
    }
    delivery = Delivery.SENDING;
    ledger.note(request.asked("fulfilment webhook resent by hand"));
    FulfilmentCommand command = command();
    try {
      stubs.remote.fulfil(command);
      delivered();
      ledger.note("fulfilment webhook resent by hand: delivered");
      return new ResendResult(
          ResendResult.Outcome.DELIVERED,
          ledger.status(),
          command.eventId(),
          "the platform acknowledged the webhook: FULFILLED");
    } catch (ActivityFailure e) {
      delivery = Delivery.GIVEN_UP;
      String why =
          "not acknowledged within "
              + ledger.request().timing().fulfilmentDeadline()
              + " again; paid, not fulfilled";
      ledger.note("fulfilment webhook resent by hand: " + why);
      return new ResendResult(
          ResendResult.Outcome.NOT_ACKNOWLEDGED, ledger.status(), command.eventId(), why);
    }
  }

  boolean resentByHand() {
    return resentByHand;
  }

  /**
   * Delivered: FULFILLED, unless a refund the platform asked for while a resend was out has moved
   * the payment on (the status is then the refund's).
   */
  private void delivered() {
    delivery = Delivery.DELIVERED;
    if (ledger.status() == PaymentStatus.PAID) {
      ledger.moveTo(PaymentStatus.FULFILLED);
    }
  }

  /** The same command every time, so the event id (and what the platform dedupes on) is one. */
  private FulfilmentCommand command() {
    PaymentRequest request = ledger.request();
    return new FulfilmentCommand(
        EventIds.fulfilment(request.orderId()),
        request.orderId(),
        request.userId(),
        request.productType(),
        ledger.paid().minor(),
        request.currency(),
        ledger.channel(),
        ledger.tradeNo(),
        ledger.paidAt());
  }
}
