package io.channelshift.provider;

import io.channelshift.payment.ProviderCallback;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

/**
 * One payment provider (channel). Every call names its order or refund explicitly and says in its
 * result what the caller should do next ({@link io.channelshift.payment.ProviderOutcome}).
 *
 * <p>Errors: a call that may be repeated safely (query, close, statement) throws {@link
 * ProviderException} with {@code retryable = true} on transport errors and 5xx; a call that moves
 * money (create, refund) never throws for those but answers {@code UNKNOWN}, so that the caller
 * queries first.
 */
public interface PaymentProvider {

  /** The channel name this provider serves, e.g. {@code legacy}. */
  String channel();

  /** The merchant id callbacks of this channel must carry. */
  String merchantId();

  ProviderCreateResult create(ProviderOrder order);

  ProviderOrderStatus query(String orderId);

  /**
   * Closes the order; when the provider refuses because the order is paid, returns the paid status.
   */
  ProviderOrderStatus close(String orderId);

  ProviderRefundResult refund(ProviderRefund refund);

  /**
   * Asks where the refund stands (by its {@link ProviderRefund#outRefundNo}); an answer that found
   * it is believed only for the refund's order and amount ({@link RefundAnswers}).
   */
  ProviderRefundResult queryRefund(ProviderRefund refund);

  /**
   * Verifies a callback (signature, timestamp window, nonce) and parses it.
   *
   * @throws CallbackRejectedException when it must not be believed
   */
  ProviderCallback verifyCallback(Map<String, String> headers, String body);

  /**
   * Verifies a provider's refund notification the way {@link #verifyCallback} verifies a payment's,
   * and parses it. Providers are asked to send these to {@link #refundNotifyUrl}; a channel whose
   * provider sends none refuses every one.
   *
   * @throws CallbackRejectedException when it must not be believed, or the channel sends no refund
   *     notices
   */
  default ProviderRefundNotice verifyRefundNotice(Map<String, String> headers, String body) {
    throw new CallbackRejectedException("channel " + channel() + " sends no refund notices");
  }

  /**
   * Where a refund's notices go: beside the channel's payment callbacks, {@code
   * /notify/{channel}/refunds}.
   */
  static String refundNotifyUrl(String callbackUrl) {
    return callbackUrl + REFUND_NOTICES_PATH;
  }

  /** Appended to a channel's callback URL for its refund notices. */
  String REFUND_NOTICES_PATH = "/refunds";

  /** What to answer a callback that was recorded, in the format the provider expects. */
  CallbackAcknowledgement callbackAcknowledgement();

  /**
   * Opens the provider's statement of a business day (in {@link #statementZone()}), positioned
   * after line {@code afterLine} (0 = from the start), so that a reconciliation that stopped half
   * way resumes there.
   */
  StatementReader openStatement(LocalDate day, long afterLine);

  /** The time zone of this provider's business days (its statements and settlement days). */
  default ZoneId statementZone() {
    return ZoneOffset.UTC;
  }
}
