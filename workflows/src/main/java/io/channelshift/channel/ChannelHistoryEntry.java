package io.channelshift.channel;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One change of a channel's state as its workflow recorded it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelHistoryEntry(
    ChannelState from, ChannelState to, String reason, String changedBy, long changedAtEpochMs) {}
