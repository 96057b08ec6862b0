package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The thresholds of the five health gates. Each compares the new channel with the old one in the
 * same window: an absolute limit, and a largest allowed difference from the old channel.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Gates(
    GateRule createSuccessRate,
    GateRule paymentSuccessRate,
    GateRule createLatencyP95Ms,
    GateRule callbackDelayP95Ms,
    GateRule verificationFailureRate) {

  /** Defaults a payment platform can start from; every number can be overridden in the plan. */
  public static final Gates DEFAULTS =
      new Gates(
          new GateRule(
              0.98, 0.01,
              20), // creates accepted: at least 98%, at most 1 point below the old channel
          new GateRule(
              0.50, 0.10,
              20), // orders paid among those decided: at least 50%, at most 10 points below
          new GateRule(
              2_000, 500,
              20), // create latency p95: at most 2 s, at most 500 ms above the old channel
          new GateRule(60_000, 10_000, 10), // callback delay p95: at most 60 s, at most 10 s above
          new GateRule(
              0.01, 0.005,
              20)); // callbacks failing verification: at most 1%, at most 0.5 points above

  /** Each gate's rule, with a missing one taken from {@link #DEFAULTS}. */
  public Gates withDefaults() {
    return new Gates(
        createSuccessRate != null ? createSuccessRate : DEFAULTS.createSuccessRate,
        paymentSuccessRate != null ? paymentSuccessRate : DEFAULTS.paymentSuccessRate,
        createLatencyP95Ms != null ? createLatencyP95Ms : DEFAULTS.createLatencyP95Ms,
        callbackDelayP95Ms != null ? callbackDelayP95Ms : DEFAULTS.callbackDelayP95Ms,
        verificationFailureRate != null
            ? verificationFailureRate
            : DEFAULTS.verificationFailureRate);
  }

  public GateRule rule(Gate gate) {
    return switch (gate) {
      case CREATE_SUCCESS_RATE -> createSuccessRate;
      case PAYMENT_SUCCESS_RATE -> paymentSuccessRate;
      case CREATE_LATENCY_P95_MS -> createLatencyP95Ms;
      case CALLBACK_DELAY_P95_MS -> callbackDelayP95Ms;
      case VERIFICATION_FAILURE_RATE -> verificationFailureRate;
    };
  }
}
