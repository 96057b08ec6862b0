package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * What the caller gets back synchronously when it starts a payment.
 *
 * @param orderId the order
 * @param status AWAITING_PAYMENT when the pay URL is ready; FAILED or REJECTED otherwise
 * @param channel the channel the payment runs on
 * @param payUrl where the user pays (cashier page or QR content); null unless AWAITING_PAYMENT
 * @param expiresAtEpochMs when the order expires at the provider
 * @param reason why the payment did not start, when it did not
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Checkout(
    String orderId,
    PaymentStatus status,
    String channel,
    String payUrl,
    long expiresAtEpochMs,
    String reason) {}
