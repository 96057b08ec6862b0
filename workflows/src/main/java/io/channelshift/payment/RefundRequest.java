package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A refund the platform asks for. Idempotent on {@code refundId}.
 *
 * @param refundId the platform's refund id; also the provider's out refund number
 * @param amountMinor the amount to give back, in minor units of the payment's currency
 * @param reason free text kept with the refund
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundRequest(String refundId, long amountMinor, String reason) {

  public RefundRequest {
    Require.text("refundId", refundId);
    Require.positive("amountMinor", amountMinor);
  }
}
