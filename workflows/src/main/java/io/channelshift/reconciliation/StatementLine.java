package io.channelshift.reconciliation;

import java.time.Instant;

/**
 * One line of a provider's statement, in our terms whatever the provider's format.
 *
 * @param lineNo 1-based position of the line in the day's statement (the header is not counted):
 *     where a resumed read starts again
 * @param refundId the refund's provider number (the provider's out_refund_no, our {@code
 *     provider_refund_no}), REFUND lines only
 * @param feeMinor the fee the provider charged (PAYMENT) or gave back (REFUND), as a positive
 *     amount; null when the statement does not say
 */
public record StatementLine(
    long lineNo,
    Kind kind,
    String tradeNo,
    String orderId,
    String refundId,
    long amountMinor,
    String currency,
    Long feeMinor,
    Instant occurredAt) {

  public enum Kind {
    PAYMENT,
    REFUND
  }

  public StatementLine {
    if (orderId == null || orderId.isBlank()) {
      throw new IllegalArgumentException("statement line " + lineNo + " has no order id");
    }
    if (kind == Kind.REFUND && (refundId == null || refundId.isBlank())) {
      throw new IllegalArgumentException("refund line " + lineNo + " has no refund id");
    }
    if (amountMinor < 0 || (feeMinor != null && feeMinor < 0)) {
      throw new IllegalArgumentException(
          "statement line " + lineNo + " has a negative amount or fee");
    }
  }
}
