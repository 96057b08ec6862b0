package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param outcome PROCESSED with a pay URL, FAILED with a reason, or UNKNOWN when the provider did
 *     not answer
 * @param merchantId the merchant id the channel uses, which callbacks must carry
 * @param rerouted the route the order was created on when the routing table changed between the
 *     decision and the create; null when the payment kept the route it started with
 * @param failureKind why no order came of it ({@link CreateFailure}); histories from before the
 *     kind read {@link CreateFailure#NONE}, which never moves a payment to another channel
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CreateOrderResult(
    ProviderOutcome outcome,
    String payUrl,
    String tradeNo,
    String merchantId,
    String failure,
    RouteDecision rerouted,
    CreateFailure failureKind) {

  public CreateOrderResult {
    failureKind = failureKind == null ? CreateFailure.NONE : failureKind;
  }

  public CreateOrderResult(
      ProviderOutcome outcome,
      String payUrl,
      String tradeNo,
      String merchantId,
      String failure,
      RouteDecision rerouted) {
    this(outcome, payUrl, tradeNo, merchantId, failure, rerouted, CreateFailure.NONE);
  }

  public CreateOrderResult(
      ProviderOutcome outcome, String payUrl, String tradeNo, String merchantId, String failure) {
    this(outcome, payUrl, tradeNo, merchantId, failure, null);
  }
}
