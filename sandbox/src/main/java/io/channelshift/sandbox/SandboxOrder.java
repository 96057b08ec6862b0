package io.channelshift.sandbox;

/** An order as the sandbox holds it. Status values follow the common provider vocabulary. */
public record SandboxOrder(
    String tradeNo,
    String outTradeNo,
    long amountMinor,
    String currency,
    String subject,
    String notifyUrl,
    String status,
    long paidAmountMinor,
    long refundedAmountMinor,
    String createdAt,
    String paidAt,
    String payUrl,
    long feeMinor) {

  public static final String NOTPAY = "NOTPAY";
  public static final String SUCCESS = "SUCCESS";
  public static final String PAYERROR = "PAYERROR";
  public static final String CLOSED = "CLOSED";

  SandboxOrder withStatus(String newStatus) {
    return new SandboxOrder(
        tradeNo,
        outTradeNo,
        amountMinor,
        currency,
        subject,
        notifyUrl,
        newStatus,
        paidAmountMinor,
        refundedAmountMinor,
        createdAt,
        paidAt,
        payUrl,
        feeMinor);
  }

  SandboxOrder paid(long paidAmount, String when, long fee) {
    return new SandboxOrder(
        tradeNo,
        outTradeNo,
        amountMinor,
        currency,
        subject,
        notifyUrl,
        SUCCESS,
        paidAmount,
        refundedAmountMinor,
        createdAt,
        when,
        payUrl,
        fee);
  }

  SandboxOrder refunded(long amount) {
    return new SandboxOrder(
        tradeNo,
        outTradeNo,
        amountMinor,
        currency,
        subject,
        notifyUrl,
        status,
        paidAmountMinor,
        refundedAmountMinor + amount,
        createdAt,
        paidAt,
        payUrl,
        feeMinor);
  }
}
