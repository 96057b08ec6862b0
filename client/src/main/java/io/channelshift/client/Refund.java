package io.channelshift.client;

/**
 * One refund of a payment. {@code automatic} marks a refund ChannelShift started itself (money that
 * arrived for an order already closed); {@code failure} says why a FAILED refund failed.
 */
public record Refund(
    String refundId,
    long amountMinor,
    String reason,
    RefundStatus status,
    boolean automatic,
    String failure) {}
