package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What starts a payment workflow: the platform's order, the route chosen for it, and its timing.
 *
 * @param orderId the platform's order id, the business key ({@code payment-{orderId}})
 * @param userId the paying user; decides the routing bucket
 * @param amountMinor amount in minor units of {@code currency}
 * @param currency ISO 4217 code
 * @param productType e.g. {@code game_card}, {@code topup}, {@code membership}
 * @param subject what the user sees at the cashier
 * @param clientIp the user's IP as the platform saw it
 * @param route the channel decision made at start
 * @param timing expiry, active query backoff, after-sales window and fulfilment deadline
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentRequest(
    String orderId,
    String userId,
    long amountMinor,
    String currency,
    String productType,
    String subject,
    String clientIp,
    RouteDecision route,
    PaymentTiming timing) {

  public PaymentRequest {
    Require.text("orderId", orderId);
    Require.text("userId", userId);
    Require.positive("amountMinor", amountMinor);
    Require.text("currency", currency);
    Require.text("productType", productType);
    if (route == null) {
      throw new IllegalArgumentException("route is required");
    }
    if (timing == null) {
      timing = PaymentTiming.DEFAULT;
    }
  }

  /** The order's amount as money; not a component, so not part of the payload's JSON. */
  @JsonIgnore
  public Money amount() {
    return new Money(amountMinor, currency);
  }

  /** The same request on another route. */
  public PaymentRequest withRoute(RouteDecision newRoute) {
    return new PaymentRequest(
        orderId, userId, amountMinor, currency, productType, subject, clientIp, newRoute, timing);
  }
}
