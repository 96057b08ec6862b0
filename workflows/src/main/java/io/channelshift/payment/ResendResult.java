package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What sending a fulfilment webhook again by hand came to.
 *
 * @param outcome DELIVERED (the platform acknowledged it) or NOT_ACKNOWLEDGED (given up again at
 *     its deadline)
 * @param status the payment's status after it: FULFILLED once delivered
 * @param eventId the event id sent, the same as the first time, so the platform drops a repeat
 * @param detail one line for the operator
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResendResult(Outcome outcome, PaymentStatus status, String eventId, String detail) {

  public enum Outcome {
    DELIVERED,
    NOT_ACKNOWLEDGED
  }
}
