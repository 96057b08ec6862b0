package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Record the payment as paid and tell the platform, by a signed webhook deduplicated on {@code
 * eventId}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FulfilmentCommand(
    String eventId,
    String orderId,
    String userId,
    String productType,
    long amountMinor,
    String currency,
    String channel,
    String tradeNo,
    String paidAt) {}
