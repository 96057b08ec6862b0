package io.channelshift.probes;

/**
 * A look at one dependency (Temporal, PostgreSQL). It may block; {@link CachedProbe} bounds how
 * long and how often.
 */
@FunctionalInterface
public interface Probe {

  /** Up, or down with its reason; a thrown exception counts as down. */
  ProbeResult check() throws Exception;
}
