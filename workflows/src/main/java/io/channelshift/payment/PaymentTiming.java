package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Duration;
import java.util.List;

/**
 * The clock of one payment, fixed at start so that a configuration change never alters a running
 * payment.
 *
 * @param expiresIn how long the user has to pay; at expiry the order is queried once more, then
 *     closed
 * @param queryBackoff delays between active queries while the callback is late; the last one
 *     repeats
 * @param afterSalesWindow how long after the payment ends refunds and late callbacks are still
 *     taken
 * @param fulfilmentDeadline how long the fulfilment webhook is retried before it is given up
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentTiming(
    Duration expiresIn,
    List<Duration> queryBackoff,
    Duration afterSalesWindow,
    Duration fulfilmentDeadline) {

  public static final PaymentTiming DEFAULT =
      new PaymentTiming(
          Duration.ofMinutes(15),
          List.of(Duration.ofMinutes(1), Duration.ofMinutes(3), Duration.ofMinutes(10)),
          Duration.ofDays(30),
          Duration.ofHours(24));

  public PaymentTiming {
    requirePositive("expiresIn", expiresIn);
    requirePositive("afterSalesWindow", afterSalesWindow);
    requirePositive("fulfilmentDeadline", fulfilmentDeadline);
    if (queryBackoff == null || queryBackoff.isEmpty()) {
      throw new IllegalArgumentException("queryBackoff needs at least one delay");
    }
    queryBackoff.forEach(d -> requirePositive("queryBackoff", d));
    queryBackoff = List.copyOf(queryBackoff);
  }

  /** The delay before the n-th active query (0-based); past the list the last delay repeats. */
  public Duration queryDelay(int attempt) {
    return queryBackoff.get(Math.min(attempt, queryBackoff.size() - 1));
  }

  private static void requirePositive(String name, Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be a positive duration");
    }
  }
}
