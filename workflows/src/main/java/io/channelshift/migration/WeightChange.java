package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param weightBps the new channel's weight; the old channel gets the rest
 * @param ramping true while the new channel is being ramped (its buckets first); false for the
 *     final tables
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WeightChange(
    String migrationId,
    String scope,
    String fromChannel,
    String toChannel,
    int weightBps,
    boolean ramping,
    String by,
    String reason) {}
