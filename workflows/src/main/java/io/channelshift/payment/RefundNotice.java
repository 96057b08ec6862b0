package io.channelshift.payment;

/**
 * A provider's notification that a refund of this payment has moved, already verified by the
 * channel's adapter. The payment takes it as a reason to ask the provider where the refund stands
 * now, not as the answer: the query is what settles the refund, so a notice cannot make a refund
 * succeed that has not.
 *
 * @param notifyId the provider's notification id
 * @param refundId the number the refund was sent under at the provider (its out-refund number): the
 *     refund's provider number, or, for refunds sent before numbers were per payment, its refund id
 * @param status what the provider says, as it says it (kept in the signal, in history, for the
 *     record; the query decides)
 */
public record RefundNotice(String notifyId, String refundId, String status) {}
