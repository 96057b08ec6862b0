package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Money the provider says it received for an order, recorded even when the order will not be
 * fulfilled.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PaymentReceipt(
    String orderId,
    String channel,
    String tradeNo,
    long amountMinor,
    String currency,
    String paidAt,
    PaymentStatus status,
    String reason) {}
