package io.channelshift.payment;

/**
 * What a provider call tells the workflow to do next (the killbill-style result status).
 *
 * <ul>
 *   <li>PROCESSED: done, go on;
 *   <li>PENDING: accepted, not final yet: query later;
 *   <li>FAILED: definitively refused: do not retry;
 *   <li>CANCELED: never attempted (e.g. refused before sending);
 *   <li>UNKNOWN: may or may not have happened: query before trying again, never retry blindly.
 * </ul>
 */
public enum ProviderOutcome {
  PROCESSED,
  PENDING,
  FAILED,
  CANCELED,
  UNKNOWN
}
