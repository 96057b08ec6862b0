package io.channelshift.sandbox;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Faults the sandbox injects. Immutable; the server swaps the whole value when an admin changes it.
 *
 * @param createLatencyMs extra latency added to every create-order call
 * @param create5xxRate share (0..1) of create-order calls answered with a 503
 * @param paymentSuccessRate share (0..1) of cashier payments that succeed; the rest fail at the provider
 * @param callbackDelayMinMs lower bound of the delay before the first callback attempt
 * @param callbackDelayMaxMs upper bound of that delay (uniformly distributed)
 * @param callbackDropRate share (0..1) of payments whose callback is never sent
 * @param callbackDuplicateRate share (0..1) of callbacks sent twice (same notifyId)
 * @param outOfOrder when true, callbacks are held and released in reverse order of payment
 * @param outage when true, every API call is answered with a 503 and no callback goes out
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FaultSettings(
    long createLatencyMs,
    double create5xxRate,
    double paymentSuccessRate,
    long callbackDelayMinMs,
    long callbackDelayMaxMs,
    double callbackDropRate,
    double callbackDuplicateRate,
    boolean outOfOrder,
    boolean outage) {

  public static final FaultSettings NONE = new FaultSettings(0, 0, 1, 0, 0, 0, 0, false, false);

  public FaultSettings {
    requireRate("create5xxRate", create5xxRate);
    requireRate("paymentSuccessRate", paymentSuccessRate);
    requireRate("callbackDropRate", callbackDropRate);
    requireRate("callbackDuplicateRate", callbackDuplicateRate);
    if (createLatencyMs < 0 || callbackDelayMinMs < 0 || callbackDelayMaxMs < callbackDelayMinMs) {
      throw new IllegalArgumentException(
          "latencies must be >= 0 and callbackDelayMaxMs >= callbackDelayMinMs");
    }
  }

  private static void requireRate(String name, double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + rate);
    }
  }
}
