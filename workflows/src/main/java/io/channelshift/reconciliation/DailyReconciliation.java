package io.channelshift.reconciliation;

/**
 * Which day to reconcile every channel for.
 *
 * @param day {@code yyyy-MM-dd}; null means the day before the run starts (UTC), which is what the
 *     daily schedule passes: its arguments are fixed when the schedule is created
 */
public record DailyReconciliation(String day) {}
