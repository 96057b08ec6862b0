package io.channelshift.app.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;

/** The migration drill's result as a person reads it. */
final class DrillTable {

  private DrillTable() {}

  static void print(MigrationReport m, MigrationDrill.Scenario scenario, PrintStream out) {
    out.printf(
        "%nMigration drill (%s): %s%n",
        scenario.name().toLowerCase(Locale.ROOT), m.ok(scenario) ? "ok" : "FAILED");
    out.printf("  %-44s %s%n", "final phase", m.finalPhase());
    if (m.rollbackReason() != null) {
      out.printf("  %-44s %s%n", "rollback reason", m.rollbackReason());
    }
    if (m.msFromDegradationToRollback() != null) {
      out.printf(
          "  %-44s %d ms (target <= %d ms)%n",
          "degradation to routing restored",
          m.msFromDegradationToRollback(),
          m.targetMsToRollback());
    }
    out.printf(
        "  %-44s %d (must be 0)%n",
        "payments routed to nova after the rollback", m.paymentsRoutedToNewAfterRollback());
    out.printf(
        "  %-44s %d started, %d on nova, %d without an end (must be 0); %d %s refused%n",
        "drill payments",
        m.paymentsStarted(),
        m.paymentsOnNew(),
        m.paymentsNotEnded(),
        m.paymentRequestsRefused(),
        m.paymentRequestsRefused() == 1 ? "request" : "requests");
    for (Map<String, Object> fees : m.feeProjection()) {
      long difference = ((Number) fees.get("monthlyDifferenceMinor")).longValue();
      out.printf(
          "  %-44s %s payments, %s %s on legacy, %s on nova: nova %s %s a month%n",
          "fees at the last 30 days' volume",
          fees.get("payments"),
          fees.get("currency"),
          money(fees.get("feesOnFromMinor")),
          money(fees.get("feesOnToMinor")),
          difference >= 0 ? "saves" : "costs",
          money(Math.abs(difference)));
    }
  }

  private static String money(Object minor) {
    return BigDecimal.valueOf(((Number) minor).longValue(), 2).toPlainString();
  }
}
