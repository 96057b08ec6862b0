package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The provider's answer on a refund: PROCESSED, PENDING, FAILED or UNKNOWN (query before retrying). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundResult(ProviderOutcome outcome, String providerRefundNo, String failure) {}
