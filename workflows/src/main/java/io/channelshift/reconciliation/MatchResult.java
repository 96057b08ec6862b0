package io.channelshift.reconciliation;

/**
 * What matching the staged statement against the ledger found.
 *
 * @param matched statement lines that agree with the ledger in every respect
 * @param discrepancies differences open or being repaired after this match
 * @param repairable differences the reconciliation may repair itself (paid at the provider, unpaid
 *     here)
 */
public record MatchResult(long matched, long discrepancies, long repairable) {}
