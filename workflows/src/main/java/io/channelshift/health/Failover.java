package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A scope failed over: from which channel to which, how much traffic moved (what a failback moves
 * back), when, who asked and why.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Failover(String from, String to, int movedBps, long atMs, String by, String reason) {}
