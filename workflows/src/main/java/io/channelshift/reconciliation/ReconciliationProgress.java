package io.channelshift.reconciliation;

/** Where a reconciliation stands: answered by its {@code progress} query. */
public record ReconciliationProgress(
    String phase,
    long statementLines,
    long matched,
    long discrepancies,
    long handedOverForRepair,
    ReconciliationSummary summary) {}
