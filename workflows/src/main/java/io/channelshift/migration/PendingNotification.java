package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A notification to the platform still on its way when a run continued as new: the next run sends
 * it on, within what is left of its day from {@code firstSentAtMs} (the same event id, so the
 * platform drops a repeat).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PendingNotification(MigrationEvent event, long firstSentAtMs) {}
