package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What became of a {@link Reroute}: written (with the new version), or not and why.
 *
 * @param version the table written, or the one in force when it was not
 * @param detail why it was not written (names the migration, or the versions)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RerouteResult(Outcome outcome, long version, String detail) {

  public enum Outcome {
    WRITTEN,
    /** A migration runs on the scope: it owns the table. */
    MIGRATION_RUNNING,
    /** Another table was written since the workflow looked. */
    TABLE_CHANGED
  }
}
