package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * @param startedBy who started the migration
 * @param carried the state of the run before, when the migration continued as new; null on the
 *     first run
 * @param undelivered the run before's notifications still on their way (a platform webhook that was
 *     down); null or empty when there are none
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationInput(
    MigrationPlan plan,
    String startedBy,
    MigrationStatus carried,
    List<PendingNotification> undelivered) {

  /** A migration's first run, or a run that carries no notifications. */
  public MigrationInput(MigrationPlan plan, String startedBy, MigrationStatus carried) {
    this(plan, startedBy, carried, List.of());
  }
}
