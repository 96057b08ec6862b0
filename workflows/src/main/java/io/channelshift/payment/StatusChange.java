package io.channelshift.payment;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A payment status to record in the store, with the reason when there is one. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusChange(String orderId, PaymentStatus status, String reason) {}
