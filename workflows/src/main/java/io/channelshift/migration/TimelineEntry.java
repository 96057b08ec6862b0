package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One thing that happened to a migration, when, and who asked for it ({@code workflow} for its own
 * decisions).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimelineEntry(long atMs, String event, String by, String detail) {}
