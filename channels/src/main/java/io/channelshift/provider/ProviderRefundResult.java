package io.channelshift.provider;

import io.channelshift.payment.ProviderOutcome;

/**
 * PROCESSED (money sent back), PENDING (accepted, query later), FAILED (refused, with the reason),
 * CANCELED (the provider has no such refund: never attempted) or UNKNOWN (no answer: query before
 * anything else).
 */
public record ProviderRefundResult(
    ProviderOutcome outcome, String providerRefundNo, String failure) {}
