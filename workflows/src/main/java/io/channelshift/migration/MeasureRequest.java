package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Measure both channels of a scope over [windowStartMs, windowEndMs); count the new channel's
 * payments since the step began.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MeasureRequest(
    String scope,
    String fromChannel,
    String toChannel,
    long windowStartMs,
    long windowEndMs,
    long stepStartedAtMs) {}
