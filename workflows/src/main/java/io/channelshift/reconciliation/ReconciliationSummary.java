package io.channelshift.reconciliation;

/**
 * How a channel's day reconciled.
 *
 * @param openDiscrepancies differences left for a human
 * @param repairsPending payments handed over for repair that had not reached the ledger when the
 *     run ended
 */
public record ReconciliationSummary(
    String channel,
    String day,
    long statementLines,
    long matched,
    long openDiscrepancies,
    long repaired,
    long repairsPending) {}
