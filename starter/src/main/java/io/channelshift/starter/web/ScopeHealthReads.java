package io.channelshift.starter.web;

import io.channelshift.health.ChannelHealthStatus;
import java.util.Optional;

/**
 * Reads a scope's health as its health workflow holds it ({@code channels-{scope}}), for a feature
 * other than the scope health one that shows it (the channels' overview). Empty when the scope has
 * no health workflow yet.
 */
public interface ScopeHealthReads {

  Optional<ChannelHealthStatus> status(String scope);
}
