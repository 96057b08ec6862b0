package io.channelshift.reconciliation;

/**
 * The provider's statement as staged for matching.
 *
 * @param lines statement lines staged for the day
 * @param resumedAfterLine 0 for a fresh read; otherwise the line an earlier, interrupted attempt
 *     had reached
 */
public record StagedStatement(long lines, long resumedAfterLine) {}
