package io.channelshift.payment;

/**
 * The platform asks to close an unpaid payment (its user cancelled the order, or the platform's own
 * hold on the goods ran out) before it expires.
 *
 * @param reason why, as the platform says it; kept in the payment's notes
 */
public record CloseRequest(String reason) {}
