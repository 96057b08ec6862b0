package io.channelshift.migration;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.Map;

/**
 * What the store measured for both channels over one window, gate by gate, and how many payments
 * the new channel has seen since the step began (the step's sample count).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GateMeasurement(
    long windowStartMs,
    long windowEndMs,
    Map<Gate, ChannelSample> newChannel,
    Map<Gate, ChannelSample> oldChannel,
    long newChannelPaymentsInStep) {}
