package io.channelshift.config;

import io.channelshift.payment.PaymentTiming;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing given to every new payment, and what the payment API accepts ({@code
 * channelshift.payment.*}). The four timing settings default to {@link PaymentTiming#DEFAULT} and
 * travel with each payment as its {@link #timing()}, so a change applies to payments started after
 * it, never to one already running.
 *
 * @param expiresIn how long a payment waits for its callback; default 15 min.
 * @param queryBackoff the waits between active queries to the provider while the callback is late,
 *     the last one repeating; default {@code 1m,3m,10m}.
 * @param afterSalesWindow how long a paid payment stays open for refunds and late callbacks;
 *     default 30 days.
 * @param fulfilmentDeadline how long the fulfilment and refund webhooks are retried; default 24 h.
 * @param currencies the currencies the API accepts; default {@code CNY,USD,HKD,EUR}.
 * @param productTypes the product types the API accepts, and migration plans may name; default
 *     {@code game_card,topup,membership}. Risk limits by product type ({@code
 *     channelshift.risk.product-types}) apply to these names.
 * @param maxAmountMinor the largest amount the API accepts for one payment or refund, in minor
 *     units; default {@code 100000000}. The risk rules ({@code channelshift.risk.*}) may refuse
 *     smaller amounts later.
 * @param checkoutTimeout how long {@code POST /api/payments} (and every call that waits on a
 *     payment) waits before it answers 503; retrying the request is safe. Default 10 s.
 */
@ConfigurationProperties("channelshift.payment")
public record PaymentProperties(
    Duration expiresIn,
    List<Duration> queryBackoff,
    Duration afterSalesWindow,
    Duration fulfilmentDeadline,
    List<String> currencies,
    List<String> productTypes,
    @DefaultValue("100000000") long maxAmountMinor,
    Duration checkoutTimeout) {

  public PaymentProperties {
    expiresIn = expiresIn == null ? PaymentTiming.DEFAULT.expiresIn() : expiresIn;
    queryBackoff =
        List.copyOf(queryBackoff == null ? PaymentTiming.DEFAULT.queryBackoff() : queryBackoff);
    afterSalesWindow =
        afterSalesWindow == null ? PaymentTiming.DEFAULT.afterSalesWindow() : afterSalesWindow;
    fulfilmentDeadline =
        fulfilmentDeadline == null
            ? PaymentTiming.DEFAULT.fulfilmentDeadline()
            : fulfilmentDeadline;
    currencies = List.copyOf(currencies == null ? List.of("CNY", "USD", "HKD", "EUR") : currencies);
    productTypes =
        List.copyOf(
            productTypes == null ? List.of("game_card", "topup", "membership") : productTypes);
    checkoutTimeout = checkoutTimeout == null ? Duration.ofSeconds(10) : checkoutTimeout;
  }

  /** Every setting at its default, as with no {@code channelshift.payment.*} property. */
  public static PaymentProperties defaults() {
    return new PaymentProperties(null, null, null, null, null, null, 100_000_000, null);
  }

  /** The timing a new payment is started with. */
  public PaymentTiming timing() {
    return new PaymentTiming(expiresIn, queryBackoff, afterSalesWindow, fulfilmentDeadline);
  }
}
