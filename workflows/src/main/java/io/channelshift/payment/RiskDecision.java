package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The risk rules' verdict on a payment. A rejection names its rule ({@code MAX_AMOUNT}, {@code
 * DAILY_MAX}, {@code VELOCITY}, {@code BLOCKED_IP}) and the numbers that broke it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RiskDecision(boolean passed, String rule, String detail) {

  public static RiskDecision pass() {
    return new RiskDecision(true, null, null);
  }

  public static RiskDecision reject(String rule, String detail) {
    return new RiskDecision(false, rule, detail);
  }
}
