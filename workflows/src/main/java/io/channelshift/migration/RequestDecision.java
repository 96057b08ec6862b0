package io.channelshift.migration;

/**
 * Whether a migration takes an engineer's request now: accepted, or refused with the reason the
 * engineer reads. The scope health workflow judges its engineers' requests the same way.
 */
public sealed interface RequestDecision {

  /** The request is taken. */
  record Accepted() implements RequestDecision {}

  /** The request is refused, and why. */
  record Refused(String reason) implements RequestDecision {}

  RequestDecision ACCEPTED = new Accepted();
}
