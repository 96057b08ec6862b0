package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** What the risk rules judge: the payment request, before any provider is asked. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RiskCheck(
    String orderId,
    String userId,
    String productType,
    long amountMinor,
    String currency,
    String clientIp) {

  public static RiskCheck of(PaymentRequest r) {
    return new RiskCheck(
        r.orderId(), r.userId(), r.productType(), r.amountMinor(), r.currency(), r.clientIp());
  }

  /** The amount judged, as money; not a component, so not part of the payload's JSON. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }
}
