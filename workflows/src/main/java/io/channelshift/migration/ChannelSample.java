package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One gate's measurement on one channel in one window: the value and how many samples it rests on
 * (a value with no samples is meaningless and is null).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelSample(Double value, long samples) {}
