package io.channelshift.provider;

/**
 * A refund to ask for. {@code refundId} is the provider's out refund number, so a repeat is the same refund.
 * {@code orderAmountMinor} is the whole order's amount, which some providers (WeChat Pay) want with every refund.
 */
public record ProviderRefund(
    String orderId, String refundId, long amountMinor, long orderAmountMinor, String currency, String reason) {}
