package io.channelshift.provider;

import io.channelshift.payment.ProviderOutcome;

/**
 * A create's outcome: PROCESSED with the pay URL, FAILED with the provider's reason, or UNKNOWN.
 */
public record ProviderCreateResult(
    ProviderOutcome outcome, String payUrl, String tradeNo, String failure) {

  public static ProviderCreateResult unknown(String why) {
    return new ProviderCreateResult(ProviderOutcome.UNKNOWN, null, null, why);
  }

  public static ProviderCreateResult failed(String why) {
    return new ProviderCreateResult(ProviderOutcome.FAILED, null, null, why);
  }
}
