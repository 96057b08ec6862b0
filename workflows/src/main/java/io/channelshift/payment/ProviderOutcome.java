package io.channelshift.payment;

/**
 * What a provider call tells the workflow to do next (the killbill-style result status).
 * <ul>
 *   <li>PROCESSED: done, go on;</li>
 *   <li>PENDING: accepted, not final yet: query later;</li>
 *   <li>FAILED: definitively refused: do not retry;</li>
 *   <li>CANCELED: never attempted (e.g. refused before sending);</li>
 *   <li>UNKNOWN: may or may not have happened: query before trying again, never retry blindly.</li>
 * </ul>
 */
public enum ProviderOutcome {
  PROCESSED,
  PENDING,
  FAILED,
  CANCELED,
  UNKNOWN
}
