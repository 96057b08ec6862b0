package io.channelshift.payment;

import io.temporal.failure.ActivityFailure;

/**
 * What came of a call to the provider or our store: its answer, or no answer at all (the call gave
 * up retrying, or failed for good), with the failure that says why.
 */
sealed interface Answer<T> {

  /** The call answered. */
  record Answered<T>(T value) implements Answer<T> {}

  /**
   * The call gave up: the provider or our store was unreachable for its whole retry window, or
   * refused for good.
   */
  record Unanswered<T>(ActivityFailure failure) implements Answer<T> {}
}
