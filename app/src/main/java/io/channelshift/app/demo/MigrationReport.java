package io.channelshift.app.demo;

import java.util.List;
import java.util.Map;

/**
 * What the migration drill found.
 *
 * @param msFromDegradationToRollback from nova's degradation to the rollback's routing table being
 *     written; null when nothing was degraded or nothing rolled back
 * @param paymentsRoutedToNewAfterRollback drill payments recorded on nova after the rollback's
 *     table (must be 0)
 * @param paymentsStarted drill payments recorded in the store
 * @param paymentRequestsRefused payment requests answered other than 201, or not answered
 * @param paymentsNotEnded drill payments still without a final state after the drill (must be 0)
 * @param targetMsToRollback evaluation interval × failure limit + 2 s
 * @param feeProjection per currency, the last 30 days' volume of both channels priced on each one's
 *     fee schedule, and what moving it to the new channel saves a month (as the migration's status
 *     reports it)
 * @param series the drill's weight, gates and markers over time, as the HTML report draws them
 */
public record MigrationReport(
    String finalPhase,
    String rollbackReason,
    Long msFromDegradationToRollback,
    long paymentsRoutedToNewAfterRollback,
    long paymentsStarted,
    long paymentRequestsRefused,
    long paymentsOnNew,
    long paymentsNotEnded,
    long targetMsToRollback,
    List<Map<String, Object>> timeline,
    List<Map<String, Object>> feeProjection,
    DrillSeries series) {

  public boolean ok(MigrationDrill.Scenario scenario) {
    String expected = scenario == MigrationDrill.Scenario.DEGRADED ? "ROLLED_BACK" : "COMPLETED";
    return expected.equals(finalPhase)
        && paymentsRoutedToNewAfterRollback == 0
        && paymentsNotEnded == 0
        && (scenario == MigrationDrill.Scenario.HEALTHY || msFromDegradationToRollback != null);
  }
}
