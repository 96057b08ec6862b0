package io.channelshift.reconciliation;

/**
 * One batch of self-repairs.
 *
 * @param examined repairable differences looked at
 * @param handedOver payments the provider confirmed paid, handed to their payment workflow to
 *     resolve
 * @param lastId the last difference examined; the next batch starts after it
 * @param more whether another batch may have work
 */
public record RepairBatch(int examined, int handedOver, long lastId, boolean more) {}
