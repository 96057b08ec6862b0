package io.channelshift.payment;

/**
 * A check the payment makes before it goes on (the risk rules, the money against the order): passed
 * or rejected.
 */
sealed interface Screening {

  /** The check passed. */
  record Passed() implements Screening {}

  /** The check failed: the rule it broke and, in words, how. */
  record Rejected(String rule, String detail) implements Screening {}

  Screening PASSED = new Passed();

  /** The risk rules' verdict, a payload, as a decision. */
  static Screening of(RiskDecision decision) {
    return decision.passed() ? PASSED : new Rejected(decision.rule(), decision.detail());
  }
}
