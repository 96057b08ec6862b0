package io.channelshift.migration;

/** The health gates, and which direction is better for each. */
public enum Gate {
  CREATE_SUCCESS_RATE(true, "createSuccessRate"),
  PAYMENT_SUCCESS_RATE(true, "paymentSuccessRate"),
  CREATE_LATENCY_P95_MS(false, "createLatencyP95Ms"),
  CALLBACK_DELAY_P95_MS(false, "callbackDelayP95Ms"),
  VERIFICATION_FAILURE_RATE(false, "verificationFailureRate");

  private final boolean higherIsBetter;
  private final String field;

  Gate(boolean higherIsBetter, String field) {
    this.higherIsBetter = higherIsBetter;
    this.field = field;
  }

  /** The gate's field in a plan's {@code gates} object. */
  public String field() {
    return field;
  }

  /** A rate in 0..1 (the others are milliseconds). */
  public boolean rate() {
    return field.endsWith("Rate");
  }

  public boolean higherIsBetter() {
    return higherIsBetter;
  }
}
