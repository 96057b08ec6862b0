package io.channelshift.sandbox;

/** A refund as the sandbox holds it: PROCESSING until the refund delay passes, then SUCCESS. */
public record SandboxRefund(
    String refundNo,
    String outRefundNo,
    String outTradeNo,
    long amountMinor,
    String currency,
    String reason,
    String status,
    String createdAt,
    long succeedsAtEpochMs,
    long feeReturnedMinor) {

  public static final String PROCESSING = "PROCESSING";
  public static final String SUCCESS = "SUCCESS";

  SandboxRefund withStatus(String newStatus) {
    return new SandboxRefund(
        refundNo,
        outRefundNo,
        outTradeNo,
        amountMinor,
        currency,
        reason,
        newStatus,
        createdAt,
        succeedsAtEpochMs,
        feeReturnedMinor);
  }
}
