package io.channelshift.client;

import java.time.Instant;

/** A started payment: where to send the paying user, and until when the order can be paid. */
public record PaymentCreated(
    String orderId, PaymentStatus status, String channel, String payUrl, Instant expiresAt) {}
