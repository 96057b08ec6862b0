package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** An order at a channel. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OrderRef(String orderId, String channel) {}
