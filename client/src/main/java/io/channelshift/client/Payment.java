package io.channelshift.client;

import java.time.Instant;
import java.util.List;

/**
 * A payment as ChannelShift knows it now. Amounts are minor units of {@code currency}; free text
 * (notes, the anomaly's reason) comes with card and phone numbers masked. The three timestamps are
 * the ledger's and may be null for a payment the ledger has not recorded yet.
 */
public record Payment(
    String orderId,
    PaymentStatus status,
    String channel,
    long routingVersion,
    long amountMinor,
    String currency,
    String productType,
    long paidAmountMinor,
    long refundedAmountMinor,
    String tradeNo,
    String payUrl,
    Instant expiresAt,
    String anomalyReason,
    List<Refund> refunds,
    List<String> notes,
    Instant createdAt,
    Instant paidAt,
    Instant updatedAt) {

  public Payment {
    refunds = refunds == null ? List.of() : List.copyOf(refunds);
    notes = notes == null ? List.of() : List.copyOf(notes);
  }
}
