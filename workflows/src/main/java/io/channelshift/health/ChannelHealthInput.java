package io.channelshift.health;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * @param scope the routing scope watched ({@code all} or a product type)
 * @param carried the state a previous run carried across continue-as-new; null on the first run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChannelHealthInput(String scope, ChannelHealthStatus carried) {}
