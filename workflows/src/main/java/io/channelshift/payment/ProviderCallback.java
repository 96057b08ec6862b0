package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A provider callback whose signature, timestamp and nonce have already been verified by the
 * channel's adapter. The workflow still checks merchant, amount and currency against the order.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ProviderCallback(
    String notifyId,
    String merchantId,
    String outTradeNo,
    String tradeNo,
    String status,
    long amountMinor,
    String currency,
    String paidAt) {

  public static final String SUCCESS = "SUCCESS";

  public ProviderCallback {
    Require.text("notifyId", notifyId);
    Require.text("outTradeNo", outTradeNo);
  }

  public boolean paid() {
    return SUCCESS.equals(status);
  }
}
