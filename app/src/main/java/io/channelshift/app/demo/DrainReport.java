package io.channelshift.app.demo;

/**
 * What the drain drill found ({@code drain} in the demo's report).
 *
 * @param newPaymentChannel where a payment created after the drain went (must be the backup, nova)
 * @param callbackAfterDrainSettled an in-flight legacy payment's callback after the drain still
 *     verified and settled it
 * @param refundAfterDrainSucceeded a paid legacy payment refunded after the drain reached REFUNDED
 * @param unpaidOrderAtProvider the unpaid legacy payment's order at the provider once it expired
 *     (must be CLOSED)
 * @param retireWhileOpenStatus the answer to retiring legacy while it held open payments (must be
 *     409)
 * @param discrepanciesOpen open discrepancies among the drill's orders after reconciling the day
 */
public record DrainReport(
    String newPaymentChannel,
    boolean callbackAfterDrainSettled,
    boolean refundAfterDrainSucceeded,
    String unpaidOrderAtProvider,
    int retireWhileOpenStatus,
    long discrepanciesOpen) {

  public boolean ok() {
    return "nova".equals(newPaymentChannel)
        && callbackAfterDrainSettled
        && refundAfterDrainSucceeded
        && "CLOSED".equals(unpaidOrderAtProvider)
        && retireWhileOpenStatus == 409
        && discrepanciesOpen == 0;
  }
}
