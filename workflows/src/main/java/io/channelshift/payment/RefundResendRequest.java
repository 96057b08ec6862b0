package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Ops ask for a refund's webhook, given up at its deadline, to be sent again.
 *
 * @param refundId the refund whose webhook is sent again (a platform's, or an automatic one)
 * @param request who asks and why
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundResendRequest(String refundId, ByHandRequest request) {

  public RefundResendRequest {
    Require.text("refundId", refundId);
    if (request == null) {
      throw new IllegalArgumentException("who asks and why are required");
    }
  }
}
