package io.channelshift.payment;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One payment, from the order at the provider to its end, refunds included. Workflow ID {@code
 * payment-{orderId}}.
 */
@WorkflowInterface
public interface PaymentWorkflow {

  /** Runs the payment and returns its final view once the after-sales window has closed. */
  @WorkflowMethod
  PaymentView run(PaymentRequest request);

  /**
   * Returns the pay URL as soon as the order exists at the provider (used with update-with-start,
   * so the caller never polls). Refused when the order id is already used by another user, amount
   * or currency.
   */
  @UpdateMethod(
      name = "checkout",
      description = "Wait for the provider order and return the pay URL")
  Checkout checkout(CheckoutRequest request);

  @UpdateValidatorMethod(updateName = "checkout")
  void validateCheckout(CheckoutRequest request);

  /**
   * A provider callback, already verified by the channel's adapter. Duplicates are applied once.
   */
  @SignalMethod(
      name = "providerCallback",
      description = "A verified provider callback for this order")
  void providerCallback(ProviderCallback callback);

  /**
   * A provider's notice that a refund moved: a pending refund is queried at once instead of at its
   * next poll. Notices for refunds not pending here change nothing.
   */
  @SignalMethod(
      name = "refundNotice",
      description = "The provider says a refund moved; ask it where the refund stands")
  void refundNotice(RefundNotice notice);

  /**
   * Closes the unpaid order at the provider now, as the platform asks, and answers the payment once
   * that is done: CLOSED, or PAID when the user paid before the provider could close it (the
   * payment then goes on as paid). An order already closed (or never created) answers as it stands;
   * a paid one is refused: refund it instead.
   */
  @UpdateMethod(
      name = "close",
      description = "Close the unpaid order at the provider, as the platform asks")
  PaymentView close(CloseRequest request);

  @UpdateValidatorMethod(updateName = "close")
  void validateClose(CloseRequest request);

  /**
   * Asks for a refund; the answer is the refund as accepted (REQUESTED), or a refusal with its
   * reason.
   */
  @UpdateMethod(
      name = "refund",
      description = "Ask for a partial or full refund on the original channel")
  RefundView refund(RefundRequest request);

  @UpdateValidatorMethod(updateName = "refund")
  void validateRefund(RefundRequest request);

  /**
   * Ops settle the payment by hand (the user says they paid): the provider is asked at once, and
   * only its answer settles the payment. Refused, adding nothing to the history, when there is
   * nothing to settle (money came already, or is going back) or the order is still being created.
   */
  @UpdateMethod(
      name = "settle",
      description =
          "Ops: ask the provider now whether the order was paid, and settle on its answer")
  SettleResult settle(ByHandRequest request);

  @UpdateValidatorMethod(updateName = "settle")
  void validateSettle(ByHandRequest request);

  /**
   * Ops send the fulfilment webhook again, after it was given up at its deadline: the same event,
   * with its own retries; answered with what came of it. Refused while the webhook is still being
   * retried, once it was delivered, and for a payment no longer PAID.
   */
  @UpdateMethod(
      name = "resendFulfilment",
      description = "Ops: send the fulfilment webhook again after it was given up")
  ResendResult resendFulfilment(ByHandRequest request);

  @UpdateValidatorMethod(updateName = "resendFulfilment")
  void validateResendFulfilment(ByHandRequest request);

  /**
   * Ops send a refund's webhook again, after it was given up at its deadline: the same event, with
   * its own retries. Refused while it is still being retried, once delivered, and for a refund with
   * no webhook.
   */
  @UpdateMethod(
      name = "resendRefundWebhook",
      description = "Ops: send a refund's webhook again after it was given up")
  ResendResult resendRefundWebhook(RefundResendRequest request);

  @UpdateValidatorMethod(updateName = "resendRefundWebhook")
  void validateResendRefundWebhook(RefundResendRequest request);

  @QueryMethod(name = "status", description = "The payment now: status, channel, amounts, refunds")
  PaymentView status();
}
