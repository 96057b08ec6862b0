package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A notification about a scope's channels ({@code channel.failover}, {@code channel.failback},
 * {@code channel.failback_waiting}), with an event id unique by construction.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthEvent(
    String eventId,
    String scope,
    String type,
    String from,
    String to,
    long routingVersion,
    String by,
    String reason) {}
