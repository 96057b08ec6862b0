package io.channelshift.provider;

/** An order to create at a provider. {@code orderId} is the provider's out trade number. */
public record ProviderOrder(
    String orderId,
    long amountMinor,
    String currency,
    String subject,
    String clientIp,
    long expiresAtEpochMs) {}
