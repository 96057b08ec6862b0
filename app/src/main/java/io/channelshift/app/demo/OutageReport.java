package io.channelshift.app.demo;

import java.util.List;
import java.util.Map;

/**
 * What the outage drill found ({@code failover} in the demo's report).
 *
 * @param msFromOutageToFailover from legacy going down to the scope's failover table being written;
 *     null when it did not fail over
 * @param targetMs evaluation interval × failure limit + 2 s
 * @param paymentRequestsRefused drill payment requests answered other than 201, or not answered
 * @param paymentsStarted drill payments recorded while legacy was down
 * @param paymentsNotEnded drill payments still without a final state after the drill (must be 0)
 * @param msFromRecoveryToFailback from legacy coming back to the failback table; null when it did
 *     not fail back
 * @param paidTwice drill orders for which a user is out of pocket at both providers (must be 0)
 * @param paymentsFailedOverAtCreate payments created at nova because legacy could not take them
 * @param settledByHand payments ops settled by hand on legacy's answer after it came back
 * @param timeline the scope health workflow's events
 * @param series payments per second on each channel and the drill's moments, as the HTML report
 *     draws them
 */
public record OutageReport(
    Long msFromOutageToFailover,
    long targetMs,
    long paymentRequestsRefused,
    long paymentsStarted,
    long paymentsNotEnded,
    Long msFromRecoveryToFailback,
    long paidTwice,
    long paymentsFailedOverAtCreate,
    long settledByHand,
    List<Map<String, Object>> timeline,
    OutageSeries series) {

  /** At most 0.5% of the payments started during the outage may be refused (the aim is none). */
  public boolean ok() {
    return msFromOutageToFailover != null
        && msFromOutageToFailover <= targetMs
        && paymentRequestsRefused * 200 <= paymentsStarted
        && paymentsNotEnded == 0
        && msFromRecoveryToFailback != null
        && paidTwice == 0;
  }
}
