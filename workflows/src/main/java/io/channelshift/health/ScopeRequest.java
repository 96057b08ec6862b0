package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A signal's payload: who asks, why, and for a failover an optional target channel. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScopeRequest(String by, String reason, String target) {}
