package io.channelshift.provider;

/** A refund to ask for. {@code refundId} is the provider's out refund number, so a repeat is the same refund. */
public record ProviderRefund(String orderId, String refundId, long amountMinor, String currency, String reason) {}
