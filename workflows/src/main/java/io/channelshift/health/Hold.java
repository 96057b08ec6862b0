package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Automatic failover and failback held by an engineer: who, why, since when. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Hold(String by, String reason, long atMs) {}
