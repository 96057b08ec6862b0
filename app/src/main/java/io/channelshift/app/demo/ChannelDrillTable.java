package io.channelshift.app.demo;

import java.io.PrintStream;

/** The outage and drain drills' results as a person reads them. */
final class ChannelDrillTable {

  private ChannelDrillTable() {}

  static void print(OutageReport o, DrainReport d, PrintStream out) {
    out.printf("%nOutage drill: %s%n", o.ok() ? "ok" : "FAILED");
    out.printf(
        "  %-44s %s (target <= %d ms)%n",
        "legacy down to the scope failed over",
        o.msFromOutageToFailover() == null ? "never" : o.msFromOutageToFailover() + " ms",
        o.targetMs());
    out.printf(
        "  %-44s %d started while legacy was down, %d failed over at create, %d %s refused"
            + " (at most 0.5%%)%n",
        "drill payments",
        o.paymentsStarted(),
        o.paymentsFailedOverAtCreate(),
        o.paymentRequestsRefused(),
        o.paymentRequestsRefused() == 1 ? "request" : "requests");
    out.printf(
        "  %-44s %s%n",
        "legacy back to the scope failed back",
        o.msFromRecoveryToFailback() == null ? "never" : o.msFromRecoveryToFailback() + " ms");
    out.printf(
        "  %-44s %d settled by hand on legacy's answer; %d without an end (must be 0)%n",
        "payments paid during the outage", o.settledByHand(), o.paymentsNotEnded());
    out.printf("  %-44s %d (must be 0)%n", "users charged twice for one order", o.paidTwice());
    if (d == null) {
      return;
    }
    out.printf("%nDrain drill: %s%n", d.ok() ? "ok" : "FAILED");
    out.printf(
        "  %-44s %s (must be nova)%n",
        "a new payment after the drain went to", d.newPaymentChannel());
    out.printf(
        "  %-44s callback %s, refund %s, unpaid order %s at legacy%n",
        "legacy's payments after the drain",
        d.callbackAfterDrainSettled() ? "settled" : "NOT settled",
        d.refundAfterDrainSucceeded() ? "succeeded" : "NOT succeeded",
        d.unpaidOrderAtProvider());
    out.printf(
        "  %-44s %d (must be 409); %d open discrepancies of the drill's orders%n",
        "retire while payments are open", d.retireWhileOpenStatus(), d.discrepanciesOpen());
  }
}
