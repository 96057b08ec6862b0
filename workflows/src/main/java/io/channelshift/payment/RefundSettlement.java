package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A refund's final state to record, with the payment's totals after it. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RefundSettlement(
    String orderId,
    String refundId,
    RefundStatus status,
    String failure,
    long refundedTotalMinor,
    PaymentStatus paymentStatus) {}
