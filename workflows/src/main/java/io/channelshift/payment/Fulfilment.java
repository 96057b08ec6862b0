package io.channelshift.payment;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

/**
 * The fulfilment of a paid payment: the webhook that tells the platform to deliver. A webhook the
 * platform does not acknowledge in time leaves the payment paid and not fulfilled, for a human.
 */
final class Fulfilment {

  /** The payment's own log category, so that what operators filter on stays the same. */
  private static final Logger log = Workflow.getLogger(PaymentWorkflowImpl.class);

  private final PaymentLedger ledger;
  private final PaymentStubs stubs;

  Fulfilment(PaymentLedger ledger, PaymentStubs stubs) {
    this.ledger = ledger;
    this.stubs = stubs;
  }

  void deliver() {
    Workflow.setCurrentDetails("Paid; delivering the fulfilment webhook to the platform");
    PaymentRequest request = ledger.request();
    try {
      stubs.remote.fulfil(
          new FulfilmentCommand(
              EventIds.fulfilment(request.orderId()),
              request.orderId(),
              request.userId(),
              request.productType(),
              ledger.paid().minor(),
              request.currency(),
              ledger.channel(),
              ledger.tradeNo(),
              ledger.paidAt()));
      ledger.moveTo(PaymentStatus.FULFILLED);
    } catch (ActivityFailure e) {
      String reason =
          "fulfilment webhook not acknowledged within " + request.timing().fulfilmentDeadline();
      log.warn("{} for order {}", reason, request.orderId());
      ledger.note(reason + "; paid, not fulfilled: needs a human");
      stubs.local.recordStatus(new StatusChange(request.orderId(), PaymentStatus.PAID, reason));
    }
  }
}
