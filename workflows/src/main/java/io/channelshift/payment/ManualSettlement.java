package io.channelshift.payment;

import io.channelshift.payment.Answer.Answered;
import io.channelshift.payment.SettleResult.Outcome;
import io.temporal.workflow.Workflow;

/**
 * Settling a payment by hand (补单): a user says they paid and the callback never came, so an
 * operator asks the payment to settle. The payment asks its provider at once, not at its next
 * backoff query, and takes in only the provider's answer, through the same path as an active
 * query's ({@link PaymentArrivals#settleByHand}): paid, paid after close (refunded automatically),
 * or nothing. What the operator says is recorded in the notes, never believed. One request asks the
 * provider at a time; the others wait their turn and find the payment as the first left it.
 */
final class ManualSettlement {

  private final PaymentLedger ledger;
  private final PaymentArrivals arrivals;
  private final ProviderConversation provider;
  private final PaymentVersions versions;

  /** A request is asking the provider; the next one waits for its answer. */
  private boolean asking;

  /** Whether a request by hand ran (the payment then answers it before it ends). */
  private boolean used;

  ManualSettlement(
      PaymentLedger ledger,
      PaymentArrivals arrivals,
      ProviderConversation provider,
      PaymentVersions versions) {
    this.ledger = ledger;
    this.arrivals = arrivals;
    this.provider = provider;
    this.versions = versions;
  }

  /**
   * The validator: refuses, adding nothing to the history, a payment with nothing to settle (money
   * came, or it ended unpaid at the provider's word and was refunded) or one whose order does not
   * exist yet.
   */
  void check(ByHandRequest request) {
    if (request == null) {
      throw new IllegalArgumentException("a settlement by hand needs who asks and why");
    }
    if (ledger.status() == PaymentStatus.CREATED) {
      throw new IllegalStateException(
          "payment "
              + ledger.request().orderId()
              + " is CREATED: its order is being created at the provider; ask again in a moment");
    }
    if (!settleable()) {
      throw new IllegalStateException(nothingToSettle());
    }
  }

  SettleResult settle(ByHandRequest request) {
    versions.actsByHand();
    used = true;
    Workflow.await(() -> !asking);
    if (!settleable()) {
      // another request, a callback or the payment's own query settled it while this one waited
      return new SettleResult(Outcome.NOTHING_TO_SETTLE, ledger.status(), null, nothingToSettle());
    }
    asking = true;
    try {
      ledger.note(request.asked("settlement by hand"));
      SettleResult result = askProvider(request);
      ledger.note("settlement by hand: " + result.detail());
      return result;
    } finally {
      asking = false;
    }
  }

  boolean used() {
    return used;
  }

  private SettleResult askProvider(ByHandRequest request) {
    if (!(provider.queryNow() instanceof Answered<ProviderOrderState> answered)
        || answered.value() == null) {
      return new SettleResult(
          Outcome.NO_ANSWER,
          ledger.status(),
          null,
          "the provider did not answer; nothing changed: ask again");
    }
    ProviderOrderState said = answered.value();
    Outcome outcome =
        arrivals.settleByHand(
            said, "settled by hand: the provider's answer to " + request.requestedBy());
    String detail =
        switch (outcome) {
          case SETTLED ->
              "the provider says PAID (trade "
                  + said.tradeNo()
                  + "): now PAID; fulfilment follows as for a callback";
          case HELD_FOR_REVIEW ->
              "the provider says PAID, but it does not match the order: held for review ("
                  + ledger.anomalyReason()
                  + ")";
          case REFUNDING_PAID_AFTER_CLOSE ->
              "the provider says PAID (trade "
                  + said.tradeNo()
                  + ") for an order closed here: the money goes back by an automatic refund";
          case NOT_PAID -> "the provider says " + said.state() + "; nothing changed";
          case NOTHING_TO_SETTLE, NO_ANSWER -> nothingToSettle();
        };
    return new SettleResult(outcome, ledger.status(), said.state(), detail);
  }

  /**
   * Only a payment waiting for its money, or closed here with none taken in (money that comes now
   * goes back), has anything to settle.
   */
  private boolean settleable() {
    return ledger.awaitingPayment() || arrivals.closedUnpaid();
  }

  private String nothingToSettle() {
    return "payment "
        + ledger.request().orderId()
        + " is "
        + ledger.status()
        + ": nothing to settle"
        + (ledger.status() == PaymentStatus.CLOSED
            ? " (its money is already going back)"
            : ledger.status() == PaymentStatus.ANOMALY ? " (it is held for review)" : "");
  }
}
