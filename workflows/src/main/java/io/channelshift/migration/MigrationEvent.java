package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A notification about a migration: a step change, a pause, an approval wait, a rollback, the
 * completion.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MigrationEvent(
    String eventId,
    String migrationId,
    String type,
    MigrationPhase phase,
    int step,
    int weightBps,
    String by,
    String detail) {}
