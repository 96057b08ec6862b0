package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param outcome PROCESSED with a pay URL, FAILED with a reason, or UNKNOWN when the provider did not answer
 * @param merchantId the merchant id the channel uses, which callbacks must carry
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateOrderResult(
    ProviderOutcome outcome, String payUrl, String tradeNo, String merchantId, String failure) {}
