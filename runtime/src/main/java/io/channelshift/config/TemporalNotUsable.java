package io.channelshift.config;

/**
 * This process cannot work with the Temporal it is configured for (not reachable, no such
 * namespace, search attributes missing): start-up stops, and the message, meant for an operator,
 * says what is wrong and how to fix it.
 */
public final class TemporalNotUsable extends IllegalStateException {

  public TemporalNotUsable(String message) {
    super(message);
  }
}
