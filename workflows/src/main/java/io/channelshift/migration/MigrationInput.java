package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param startedBy who started the migration
 * @param carried the state of the run before, when the migration continued as new; null on the first run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationInput(MigrationPlan plan, String startedBy, MigrationStatus carried) {}
