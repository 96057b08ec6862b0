package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A refund at the payment's own channel. Idempotent on {@code refundId}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundCommand(
    String orderId,
    String refundId,
    String channel,
    long amountMinor,
    String currency,
    String reason,
    boolean automatic) {}
