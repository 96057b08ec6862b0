package io.channelshift.store;

import io.channelshift.payment.PaymentStatus;

/** A payment row as the store holds it. */
public record StoredPayment(
    String orderId,
    String userId,
    long amountMinor,
    String currency,
    String channel,
    long routingVersion,
    PaymentStatus status,
    String statusReason,
    String tradeNo,
    long paidAmountMinor,
    long refundedAmountMinor,
    String createdAt,
    String paidAt,
    String updatedAt) {}
